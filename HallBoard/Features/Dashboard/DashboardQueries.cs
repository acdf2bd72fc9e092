using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// The dashboard's figures, aggregated in SQL: every query groups the period's tickets on the server and returns a few
/// hundred rows at most, reading only the covering indexes of <see cref="DashboardIndexes"/>. Times are grouped by UTC
/// hour in SQL and placed in the hall's local day and hour here, which is exact for any zone whose offset is whole
/// hours (China Standard Time is UTC+8 all year).
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<DashboardFigures> FiguresAsync(int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var volume = await VolumeAsync(db, hallId, period, ct);
        var mix = await MixAsync(db, hallId, period, ct);
        var service = await ServiceAsync(db, hallId, period, now, ct);
        var satisfaction = await SatisfactionAsync(db, hallId, period, ct);
        var engineers = await EngineersAsync(db, hallId, period, now, ct);
        return new DashboardFigures(hallId, period, now, volume.PerDay.Sum(d => d.Count), volume.PerDay, volume.PerHour,
            mix.ByChannel, mix.ByCategory, mix.ByKind, service.Sla, satisfaction, service.CallBack, service.Guidance, engineers);
    }

    public async Task<IReadOnlyList<HallChoice>> HallsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Code).Select(h => new HallChoice(h.Id, h.Code, h.Name)).ToListAsync(ct);
    }

    private IQueryable<Ticket> Logged(HallDbContext db, int hallId, DashboardPeriod period)
    {
        var start = time.DayStartUtc(period.From);
        var end = time.DayStartUtc(period.To.AddDays(1));
        return db.Tickets.AsNoTracking().Where(t => t.HallId == hallId && t.CreatedUtc >= start && t.CreatedUtc < end);
    }

    /// <summary>Tickets per local day (every day of the period, zeros included) and per local hour of the day.</summary>
    public async Task<(IReadOnlyList<DayCount> PerDay, IReadOnlyList<int> PerHour)> VolumeAsync(HallDbContext db, int hallId,
        DashboardPeriod period, CancellationToken ct = default)
    {
        var hours = await Logged(db, hallId, period)
            .GroupBy(t => new { t.CreatedUtc.Date, t.CreatedUtc.Hour })
            .Select(g => new { g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        var perDay = Days(period).ToDictionary(d => d, _ => 0);
        var perHour = new int[24];
        foreach (var h in hours)
        {
            var local = time.ToLocal(h.Date.AddHours(h.Hour));
            var day = DateOnly.FromDateTime(local);
            if (perDay.ContainsKey(day)) perDay[day] += h.Count;
            perHour[local.Hour] += h.Count;
        }
        return (perDay.Select(d => new DayCount(d.Key, d.Value)).ToList(), perHour);
    }

    /// <summary>Tickets by channel, category and kind, every value listed (zeros included) in the order of the enums.</summary>
    public async Task<(IReadOnlyList<Share<Channel>> ByChannel, IReadOnlyList<Share<Category>> ByCategory, IReadOnlyList<Share<TicketKind>> ByKind)>
        MixAsync(HallDbContext db, int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        var groups = await Logged(db, hallId, period)
            .GroupBy(t => new { t.Channel, t.Category, t.Kind })
            .Select(g => new { g.Key.Channel, g.Key.Category, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        return (Shares(groups.Select(g => (g.Channel, g.Count))), Shares(groups.Select(g => (g.Category, g.Count))),
            Shares(groups.Select(g => (g.Kind, g.Count))));
    }

    /// <summary>SLA compliance, call-back completion and online guidance, in one pass over the period's tickets.</summary>
    public async Task<(SlaFigures Sla, CallBackFigures CallBack, GuidanceFigures Guidance)> ServiceAsync(HallDbContext db, int hallId,
        DashboardPeriod period, DateTime nowUtc, CancellationToken ct = default)
    {
        var row = await Logged(db, hallId, period)
            .GroupBy(t => t.HallId)
            .Select(g => new
            {
                Taken = g.Count(t => t.TakenUtc != null),
                ResponseMet = g.Count(t => t.TakenUtc != null && t.TakenUtc <= t.ResponseDueUtc),
                WaitingLate = g.Count(t => t.TakenUtc == null && t.ResponseDueUtc < nowUtc),
                Resolved = g.Count(t => t.ResolvedUtc != null),
                ResolveMet = g.Count(t => t.ResolvedUtc != null && t.ResolvedUtc <= t.ResolveDueUtc),
                OpenLate = g.Count(t => t.ResolvedUtc == null && t.ResolveDueUtc < nowUtc),
                CalledBack = g.Count(t => t.ResolvedUtc != null && t.FollowedUpUtc != null),
                Unreachable = g.Count(t => t.CloseReason == CloseReason.Unreachable),
                Declined = g.Count(t => t.CloseReason == CloseReason.Declined && t.FollowedUpUtc == null),
                Pending = g.Count(t => t.ResolvedUtc != null && t.FollowedUpUtc == null && t.CloseReason == null),
                Guided = g.Count(t => t.GuidedOnline),
                Succeeded = g.Count(t => t.GuidedOnline && t.GuidanceSucceeded == true),
                Failed = g.Count(t => t.GuidedOnline && t.GuidanceSucceeded == false),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return (new SlaFigures(default, default), new CallBackFigures(0, 0, 0, 0, 0), new GuidanceFigures(0, 0, 0, 0));
        return (
            new SlaFigures(new Rate(row.ResponseMet, row.Taken + row.WaitingLate), new Rate(row.ResolveMet, row.Resolved + row.OpenLate)),
            new CallBackFigures(row.Resolved, row.CalledBack, row.Unreachable, row.Declined, row.Pending),
            new GuidanceFigures(row.Guided, row.Succeeded, row.Failed, row.Guided - row.Succeeded - row.Failed));
    }

    /// <summary>The five levels (all listed) and the daily trend of the ratings given to the period's tickets.</summary>
    public async Task<SatisfactionFigures> SatisfactionAsync(HallDbContext db, int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        var groups = await Logged(db, hallId, period)
            .Where(t => t.Satisfaction != null)
            .GroupBy(t => new { t.CreatedUtc.Date, t.CreatedUtc.Hour, t.Satisfaction!.Level })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Level, Count = g.Count() })
            .ToListAsync(ct);
        var levels = Enum.GetValues<SatisfactionLevel>().OrderByDescending(l => l)
            .Select(l => new LevelCount(l, groups.Where(g => g.Level == l).Sum(g => g.Count))).ToList();
        var byDay = groups.GroupBy(g => DateOnly.FromDateTime(time.ToLocal(g.Date.AddHours(g.Hour))))
            .ToDictionary(d => d.Key, d => d.ToList());
        var trend = Days(period).Select(day =>
        {
            if (!byDay.TryGetValue(day, out var list)) return new SatisfactionDay(day, 0, 0, null);
            var rated = list.Sum(g => g.Count);
            return new SatisfactionDay(day, rated, list.Where(g => g.Level >= SatisfactionLevel.Satisfied).Sum(g => g.Count),
                (double)list.Sum(g => (int)g.Level * g.Count) / rated);
        }).ToList();
        return new SatisfactionFigures(levels, trend);
    }

    /// <summary>Per engineer who holds tickets of the period: how many, resolved, and their SLA compliance.</summary>
    public async Task<IReadOnlyList<EngineerFigures>> EngineersAsync(HallDbContext db, int hallId, DashboardPeriod period, DateTime nowUtc,
        CancellationToken ct = default)
    {
        var rows = await Logged(db, hallId, period)
            .Where(t => t.AssigneeId != null)
            .GroupBy(t => t.AssigneeId)
            .Select(g => new
            {
                EngineerId = g.Key!.Value,
                Taken = g.Count(),
                ResponseMet = g.Count(t => t.TakenUtc <= t.ResponseDueUtc),
                Resolved = g.Count(t => t.ResolvedUtc != null),
                ResolveMet = g.Count(t => t.ResolvedUtc != null && t.ResolvedUtc <= t.ResolveDueUtc),
                OpenLate = g.Count(t => t.ResolvedUtc == null && t.ResolveDueUtc < nowUtc),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.EngineerId).ToList();
        var names = await db.Engineers.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows
            .Select(r => new EngineerFigures(r.EngineerId, names.GetValueOrDefault(r.EngineerId, $"#{r.EngineerId}"), r.Taken, r.Resolved,
                new Rate(r.ResponseMet, r.Taken), new Rate(r.ResolveMet, r.Resolved + r.OpenLate)))
            .OrderByDescending(e => e.Taken).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<DateOnly> Days(DashboardPeriod period) =>
        Enumerable.Range(0, period.Days).Select(period.From.AddDays);

    private static List<Share<T>> Shares<T>(IEnumerable<(T Value, int Count)> counts) where T : struct, Enum
    {
        var totals = counts.GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return Enum.GetValues<T>().Select(v => new Share<T>(v, totals.GetValueOrDefault(v))).ToList();
    }
}

public sealed record HallChoice(int Id, string Code, string Name);
