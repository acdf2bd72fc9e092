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
