using HallBoard.Domain;
using HallBoard.Features.ServiceReports.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<ImprovementAction> ImprovementActions => Set<ImprovementAction>();
        public DbSet<ServiceLevelReport> ServiceLevelReports => Set<ServiceLevelReport>();
        public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();
    }
}

namespace HallBoard.Features.ServiceReports.Records
{
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
}
