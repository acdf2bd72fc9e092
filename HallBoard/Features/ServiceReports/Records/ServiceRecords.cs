using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Features.ServiceReports.Records;

public enum ImprovementStatus { Planned, InProgress, Done }

/// <summary>An improvement the team committed to (服务过程改进), with its owner and due day.</summary>
public sealed class ImprovementAction
{
    public const int MaxDescription = 500;

    public int Id { get; set; }
    public int HallId { get; set; }
    public required string Description { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public ImprovementStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public required string CreatedByName { get; set; }
}

public enum ServiceLevelReportStatus { Draft, Final }

/// <summary>
/// The half-year service-level report (服务级别报告) of a hall: a draft collects the corrective actions for the
/// missed targets; once final, its figures are frozen in <see cref="FrozenFigures"/> and nothing changes.
/// </summary>
public sealed class ServiceLevelReport
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public int Year { get; set; }

    /// <summary>1 for January–June, 2 for July–December.</summary>
    public int Half { get; set; }

    public ServiceLevelReportStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? FinalisedUtc { get; set; }
    public string? FinalisedByName { get; set; }

    /// <summary>The metric lines as they were when the report was made final (JSON).</summary>
    public string? FrozenFigures { get; set; }

    public int Version { get; set; }
    public List<CorrectiveAction> Actions { get; set; } = [];
}

/// <summary>What will be done about one missed target: the text, who owns it, by when, and how far it got. One still
/// open when its half year ends is carried into the next report (the same row, never a copy).</summary>
public sealed class CorrectiveAction
{
    public const int MaxText = 500;

    public int Id { get; set; }
    public int ReportId { get; set; }
    public required string MetricKey { get; set; }
    public required string Text { get; set; }

    /// <summary>The owner's name as it was when the action was recorded.</summary>
    public required string Owner { get; set; }

    /// <summary>The owner: a person of the hall (null only for actions recorded before owners were people).</summary>
    public int? OwnerEngineerId { get; set; }

    public DateOnly DueDate { get; set; }
    public ImprovementStatus Status { get; set; }

    /// <summary>The day it was completed (hall time), set with <see cref="ImprovementStatus.Done"/>.</summary>
    public DateOnly? CompletedOn { get; set; }

    public DateTime CreatedUtc { get; set; }
    public required string CreatedByName { get; set; }
}

internal sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> e)
    {
        e.HasIndex(x => new { x.HallId, x.CreatedUtc });
        e.Property(x => x.Description).HasMaxLength(ImprovementAction.MaxDescription);
        e.Property(x => x.Owner).HasMaxLength(50);
        e.Property(x => x.CreatedByName).HasMaxLength(100);
        e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
    }
}

internal sealed class ServiceLevelReportConfiguration : IEntityTypeConfiguration<ServiceLevelReport>
{
    public void Configure(EntityTypeBuilder<ServiceLevelReport> e)
    {
        e.HasIndex(x => new { x.HallId, x.Year, x.Half }).IsUnique();
        e.Property(x => x.FinalisedByName).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        e.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CorrectiveActionConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> e)
    {
        e.HasIndex(x => new { x.ReportId, x.MetricKey });
        e.Property(x => x.MetricKey).HasMaxLength(32);
        e.Property(x => x.Text).HasMaxLength(CorrectiveAction.MaxText);
        e.Property(x => x.Owner).HasMaxLength(50);
        e.Property(x => x.CreatedByName).HasMaxLength(100);
        e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.OwnerEngineerId).OnDelete(DeleteBehavior.Restrict);
        // Actions recorded before the state was kept read as 未开始.
        e.Property(x => x.Status).HasDefaultValue(ImprovementStatus.Planned);
    }
}
