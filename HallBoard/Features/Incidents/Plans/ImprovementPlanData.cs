using HallBoard.Features.Incidents;
using HallBoard.Features.Incidents.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<ImprovementPlan> ImprovementPlans => Set<ImprovementPlan>();
        public DbSet<PlanMeasure> PlanMeasures => Set<PlanMeasure>();
    }
}

namespace HallBoard.Features.Incidents.Plans
{
    internal sealed class ImprovementPlanConfiguration : IEntityTypeConfiguration<ImprovementPlan>
    {
        public void Configure(EntityTypeBuilder<ImprovementPlan> e)
        {
            // One written plan per major incident.
            e.HasIndex(x => x.IncidentId).IsUnique();
            e.HasOne<MajorIncident>().WithMany().HasForeignKey(x => x.IncidentId);
            e.Property(x => x.Summary).HasMaxLength(ImprovementPlan.MaxText);
            e.Property(x => x.CreatedByName).HasMaxLength(100);
            e.Property(x => x.BureauOpinion).HasMaxLength(ImprovementPlan.MaxText);
            e.Property(x => x.OpinionRecordedByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Measures).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Measures).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }

    internal sealed class PlanMeasureConfiguration : IEntityTypeConfiguration<PlanMeasure>
    {
        public void Configure(EntityTypeBuilder<PlanMeasure> e)
        {
            e.Property(x => x.Text).HasMaxLength(ImprovementPlan.MaxMeasure);
            e.Property(x => x.Owner).HasMaxLength(ImprovementPlan.MaxOwner);
        }
    }
}
