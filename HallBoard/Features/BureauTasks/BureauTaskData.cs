using HallBoard.Domain;
using HallBoard.Features.BureauTasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<BureauTask> BureauTasks => Set<BureauTask>();
        public DbSet<BureauTaskEvent> BureauTaskEvents => Set<BureauTaskEvent>();
        public DbSet<NewRequirement> NewRequirements => Set<NewRequirement>();
    }
}

namespace HallBoard.Features.BureauTasks
{
    internal sealed class BureauTaskConfiguration : IEntityTypeConfiguration<BureauTask>
    {
        public void Configure(EntityTypeBuilder<BureauTask> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.OwnerEngineerId);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
            // A hall's open tasks by deadline: the list and the wall's alerts.
            e.HasIndex(x => new { x.HallId, x.State, x.DueUtc });
            e.Property(x => x.Title).HasMaxLength(BureauTask.MaxTitle);
            e.Property(x => x.Content).HasMaxLength(BureauTask.MaxContent);
            e.Property(x => x.IssuerName).HasMaxLength(BureauTask.MaxIssuer);
            e.Property(x => x.IssuedById).HasMaxLength(64);
            e.Property(x => x.IssuedByName).HasMaxLength(100);
            e.Property(x => x.OwnerName).HasMaxLength(100);
            e.Property(x => x.CompletionNote).HasMaxLength(BureauTask.MaxNote);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.StateLabel);
        }
    }

    internal sealed class BureauTaskEventConfiguration : IEntityTypeConfiguration<BureauTaskEvent>
    {
        public void Configure(EntityTypeBuilder<BureauTaskEvent> e)
        {
            e.HasIndex(x => new { x.TaskId, x.AtUtc });
            e.Property(x => x.Note).HasMaxLength(BureauTask.MaxNote + 100);
            e.Property(x => x.ById).HasMaxLength(64);
            e.Property(x => x.ByName).HasMaxLength(100);
        }
    }

    internal sealed class NewRequirementConfiguration : IEntityTypeConfiguration<NewRequirement>
    {
        public void Configure(EntityTypeBuilder<NewRequirement> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasIndex(x => new { x.HallId, x.State, x.RaisedOn });
            e.Property(x => x.Description).HasMaxLength(NewRequirement.MaxDescription);
            e.Property(x => x.RaisedBy).HasMaxLength(NewRequirement.MaxName);
            e.Property(x => x.Plan).HasMaxLength(NewRequirement.MaxPlan);
            e.Property(x => x.DeclineReason).HasMaxLength(NewRequirement.MaxReason);
            e.Property(x => x.RecordedById).HasMaxLength(64);
            e.Property(x => x.RecordedByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.StateLabel);
        }
    }
}
