using HallBoard.Domain;
using HallBoard.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<DashboardCount> DashboardCounts => Set<DashboardCount>();
    }
}

namespace HallBoard.Features.Dashboard
{
    public sealed class DashboardCountConfiguration : IEntityTypeConfiguration<DashboardCount>
    {
        public void Configure(EntityTypeBuilder<DashboardCount> e)
        {
            e.HasKey(x => new { x.HallId, x.Day, x.Metric, x.Key });
            e.Property(x => x.Metric).HasMaxLength(32);
            e.Property(x => x.Key).HasMaxLength(32);
            // Covering: a period's sums never visit the table.
            e.HasIndex(x => new { x.HallId, x.Day, x.Metric, x.Key, x.Count }).HasDatabaseName("IX_DashboardCounts_Covering");
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        }
    }

    /// <summary>
    /// The tickets not yet resolved, in a partial index: the only figures that depend on the moment they are read (still
    /// waiting past the response time, still open past the resolve time; a ticket waiting on the taxpayer is not late) are
    /// counted from these few entries alone.
    /// </summary>
    public sealed class DashboardIndexes : IEntityTypeConfiguration<Ticket>
    {
        public const string Unresolved = "IX_Tickets_Dashboard_Unresolved";

        public void Configure(EntityTypeBuilder<Ticket> e) =>
            e.HasIndex(t => new { t.HallId, t.CreatedUtc, t.AssigneeId, t.TakenUtc, t.ResponseDueUtc, t.ResolveDueUtc, t.PausedSinceUtc, t.ResolvedUtc })
                .HasDatabaseName(Unresolved)
                .HasFilter("\"ResolvedUtc\" IS NULL");
    }
}
