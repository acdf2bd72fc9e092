using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Features.Dashboard;

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
