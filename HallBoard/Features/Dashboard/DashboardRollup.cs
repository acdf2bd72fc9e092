using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// Keeps <see cref="DashboardCount"/> in step with the tickets: before a save that adds or changes tickets (or their
/// ratings), the difference between each ticket's facts before and after is added to the rollup with
/// <c>INSERT … ON CONFLICT DO UPDATE SET Count = Count + n</c>, inside the save's own transaction (one is begun if the
/// command has none), so the figures and the tickets commit or roll back together and concurrent saves never lose a count.
/// </summary>
public sealed class DashboardRollup(IOptions<HallOptions> options) : TransactionalSaveInterceptor
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    protected override async Task BeforeSaveAsync(HallDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var deltas = new Dictionary<(int HallId, DateOnly Day, string Metric, string Key), int>();
        foreach (var entry in db.ChangeTracker.Entries<Ticket>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted) Add(deltas, State(entry.OriginalValues), -1);
            if (entry.State is EntityState.Modified or EntityState.Added) Add(deltas, State(entry.CurrentValues), +1);
        }
        // Ratings count from their history, which only grows: a reopen clears the ticket's current rating but a rating
        // given stays in the figures of its day.
        foreach (var entry in db.ChangeTracker.Entries<TicketRating>())
        {
            if (entry.State == EntityState.Added)
                await AddLevelAsync(db, deltas, entry.Entity.TicketId, entry.Entity.Level, +1, entry, ct);
        }
        var changes = deltas.Where(d => d.Value != 0).ToList();
        if (changes.Count == 0) return;
        await JoinTransactionAsync(db, ct);
        foreach (var ((hallId, day, metric, key), n) in changes)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "DashboardCounts" ("HallId", "Day", "Metric", "Key", "Count") VALUES ({hallId}, {day}, {metric}, {key}, {n})
                ON CONFLICT ("HallId", "Day", "Metric", "Key") DO UPDATE SET "Count" = "DashboardCounts"."Count" + excluded."Count"
                """, ct);
    }

    /// <summary>A rating counts on its ticket's logging day; the ticket is tracked beside it, or read.</summary>
    private async Task AddLevelAsync(HallDbContext db, Dictionary<(int, DateOnly, string, string), int> deltas, int ticketId,
        SatisfactionLevel level, int sign, EntityEntry<TicketRating> entry, CancellationToken ct)
    {
        var ticket = db.ChangeTracker.Entries<Ticket>().FirstOrDefault(t =>
            t.Entity.Ratings.Any(r => ReferenceEquals(r, entry.Entity)) || (ticketId > 0 && t.Entity.Id == ticketId));
        var o = ticket is not null
            ? new { ticket.Entity.HallId, ticket.Entity.CreatedUtc }
            : await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => new { t.HallId, t.CreatedUtc }).FirstOrDefaultAsync(ct);
        if (o is null) return;
        var (day, _) = RollupFacts.LocalDay(o.CreatedUtc, _zone);
        var key = (o.HallId, day, RollupFacts.Level, level.ToString());
        deltas[key] = deltas.GetValueOrDefault(key) + sign;
    }

    private void Add(Dictionary<(int, DateOnly, string, string), int> deltas, TicketState state, int sign)
    {
        var (day, hour) = RollupFacts.LocalDay(state.CreatedUtc, _zone);
        foreach (var (metric, key) in RollupFacts.Of(state, hour))
        {
            var k = (state.HallId, day, metric, key);
            deltas[k] = deltas.GetValueOrDefault(k) + sign;
        }
    }

    private static TicketState State(PropertyValues v) => new(
        v.GetValue<int>(nameof(Ticket.HallId)), v.GetValue<DateTime>(nameof(Ticket.CreatedUtc)), v.GetValue<Channel>(nameof(Ticket.Channel)),
        v.GetValue<Category>(nameof(Ticket.Category)), v.GetValue<TicketKind>(nameof(Ticket.Kind)), v.GetValue<bool>(nameof(Ticket.GuidedOnline)),
        v.GetValue<bool?>(nameof(Ticket.GuidanceSucceeded)), v.GetValue<int?>(nameof(Ticket.AssigneeId)), v.GetValue<DateTime?>(nameof(Ticket.TakenUtc)),
        v.GetValue<DateTime>(nameof(Ticket.ResponseDueUtc)), v.GetValue<DateTime?>(nameof(Ticket.ResolvedUtc)),
        v.GetValue<DateTime>(nameof(Ticket.ResolveDueUtc)), v.GetValue<DateTime?>(nameof(Ticket.FollowedUpUtc)),
        v.GetValue<CloseReason?>(nameof(Ticket.CloseReason)));

    /// <summary>
    /// Recomputes a database's whole rollup from its tickets (used once when the rollup is empty but tickets exist, e.g.
    /// right after this feature's migration on an existing database, and by the benchmark after its bulk insert).
    /// </summary>
    public static async Task<int> RebuildAsync(HallDbContext db, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var counts = new Dictionary<(int HallId, DateOnly Day, string Metric, string Key), int>();
        void Bump((int, DateOnly, string, string) k) => counts[k] = counts.GetValueOrDefault(k) + 1;
        var rows = db.Tickets.AsNoTracking().Select(t => new
        {
            State = new TicketState(t.HallId, t.CreatedUtc, t.Channel, t.Category, t.Kind, t.GuidedOnline, t.GuidanceSucceeded, t.AssigneeId,
                t.TakenUtc, t.ResponseDueUtc, t.ResolvedUtc, t.ResolveDueUtc, t.FollowedUpUtc, t.CloseReason),
            Levels = t.Ratings.Select(r => r.Level).ToList(),
        }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var (day, hour) = RollupFacts.LocalDay(row.State.CreatedUtc, zone);
            foreach (var (metric, key) in RollupFacts.Of(row.State, hour)) Bump((row.State.HallId, day, metric, key));
            foreach (var level in row.Levels) Bump((row.State.HallId, day, RollupFacts.Level, level.ToString()));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.DashboardCounts.ExecuteDeleteAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.DashboardCounts.AddRange(counts.Select(c => new DashboardCount
        {
            HallId = c.Key.HallId, Day = c.Key.Day, Metric = c.Key.Metric, Key = c.Key.Key, Count = c.Value,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return counts.Count;
    }
}
