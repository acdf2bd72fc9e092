using HallBoard.Features.Account;
using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using F = HallBoard.Features.Dashboard.RollupFacts;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// The dashboard's figures, aggregated in SQL. Everything fixed once it happened comes from the daily rollup
/// (<see cref="DashboardCount"/>: a period's sums are one GROUP BY over at most a few hundred rows a day); what depends
/// on the moment of reading (waiting or open past a due time) is counted over the unresolved tickets alone, through a
/// partial index. Days and hours are the hall's local time.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<DashboardFigures> FiguresAsync(int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var totals = await TotalsAsync(db, hallId, period, ct);
        var daily = await DailyAsync(db, hallId, period, ct);
        var late = await LateAsync(db, hallId, period, now, ct);
        var names = await EngineerNamesAsync(db, hallId, ct);
        return Compose(hallId, period, now, totals, daily, late, names);
    }

    /// <summary>A hall's figures for an actor: a reader of that hall (every hall for Admin); another hall reads as missing.</summary>
    public Task<DashboardFigures> FiguresAsync(Actor actor, int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.RolesOf(Policies.DashboardReaders));
        actor.RequireVisible(hallId, "办税服务厅不存在。");
        return FiguresAsync(hallId, period, ct);
    }

    /// <summary>The halls an actor may pick: its own (and the ones a Bureau account supervises), or every hall for Admin;
    /// refused for an account without a hall.</summary>
    public async Task<IReadOnlyList<HallChoice>> HallsAsync(Actor actor, CancellationToken ct = default)
    {
        _ = actor.HallScope;
        var all = await HallsAsync(ct);
        return all.Where(h => actor.CanSee(h.Id)).ToList();
    }

    public async Task<IReadOnlyList<HallChoice>> HallsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Code).Select(h => new HallChoice(h.Id, h.Code, h.Name)).ToListAsync(ct);
    }

    /// <summary>The period's sum of every fact: (metric, key) → count.</summary>
    public async Task<Dictionary<(string Metric, string Key), int>> TotalsAsync(HallDbContext db, int hallId, DashboardPeriod period,
        CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        var rows = await db.DashboardCounts.AsNoTracking()
            .Where(c => c.HallId == hallId && c.Day >= from && c.Day <= to)
            .GroupBy(c => new { c.Metric, c.Key })
            .Select(g => new { g.Key.Metric, g.Key.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.Metric, r.Key), r => r.Count);
    }

    /// <summary>The facts charted per day: tickets, and ratings by level.</summary>
    public async Task<List<DayFact>> DailyAsync(HallDbContext db, int hallId, DashboardPeriod period, CancellationToken ct = default)
    {
        var (from, to) = (period.From, period.To);
        return await db.DashboardCounts.AsNoTracking()
            .Where(c => c.HallId == hallId && c.Day >= from && c.Day <= to && (c.Metric == F.Tickets || c.Metric == F.Level))
            .Select(c => new DayFact(c.Day, c.Metric, c.Key, c.Count))
            .ToListAsync(ct);
    }

    /// <summary>Per assignee (null: nobody), the period's unresolved tickets past their response and resolve times now
    /// (not those paused, waiting on the taxpayer: their due times move on when they resume).</summary>
    public async Task<List<LateCount>> LateAsync(HallDbContext db, int hallId, DashboardPeriod period, DateTime nowUtc, CancellationToken ct = default)
    {
        var start = time.DayStartUtc(period.From);
        var end = time.DayStartUtc(period.To.AddDays(1));
        return await db.Tickets.AsNoTracking()
            .Where(t => t.HallId == hallId && t.CreatedUtc >= start && t.CreatedUtc < end && t.ResolvedUtc == null)
            .GroupBy(t => t.AssigneeId)
            .Select(g => new LateCount(g.Key, g.Count(t => t.TakenUtc == null && t.PausedSinceUtc == null && t.ResponseDueUtc < nowUtc),
                g.Count(t => t.PausedSinceUtc == null && t.ResolveDueUtc < nowUtc)))
            .ToListAsync(ct);
    }

    public static async Task<Dictionary<int, string>> EngineerNamesAsync(HallDbContext db, int hallId, CancellationToken ct = default) =>
        await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

    private static DashboardFigures Compose(int hallId, DashboardPeriod period, DateTime now, Dictionary<(string, string), int> totals,
        List<DayFact> daily, List<LateCount> late, Dictionary<int, string> names)
    {
        int T(string metric, string key) => totals.GetValueOrDefault((metric, key));
        var days = Enumerable.Range(0, period.Days).Select(period.From.AddDays).ToList();
        var byDay = daily.ToLookup(x => x.Day);
        var perDay = days.Select(d => new DayCount(d, byDay[d].Where(x => x.Metric == F.Tickets).Sum(x => x.Count))).ToList();
        var perHour = Enumerable.Range(0, 24).Select(h => T(F.Hour, h.ToString("00", CultureInfo.InvariantCulture))).ToList();

        var waitingLate = late.Sum(l => l.WaitingLate);
        var openLate = late.Sum(l => l.OpenLate);
        var resolved = T(F.Resolve, F.Resolved);
        var sla = new SlaFigures(new Rate(T(F.Response, F.Met), T(F.Response, F.Taken) + waitingLate), new Rate(T(F.Resolve, F.Met), resolved + openLate));
        var callBack = new CallBackFigures(resolved, T(F.CallBack, F.CalledBack), T(F.CallBack, F.Unreachable), T(F.CallBack, F.Declined), T(F.CallBack, F.Pending));
        var (succeeded, failed, unknown) = (T(F.Guidance, F.Succeeded), T(F.Guidance, F.Failed), T(F.Guidance, F.Unknown));

        var levels = Enum.GetValues<SatisfactionLevel>().OrderByDescending(l => l).Select(l => new LevelCount(l, T(F.Level, l.ToString()))).ToList();
        var trend = days.Select(d =>
        {
            var ratings = byDay[d].Where(x => x.Metric == F.Level && Enum.IsDefined(typeof(SatisfactionLevel), x.Key))
                .Select(x => (Level: Enum.Parse<SatisfactionLevel>(x.Key), x.Count)).Where(x => x.Count > 0).ToList();
            var rated = ratings.Sum(r => r.Count);
            return new SatisfactionDay(d, rated, ratings.Where(r => r.Level >= SatisfactionLevel.Satisfied).Sum(r => r.Count),
                rated == 0 ? null : (double)ratings.Sum(r => (int)r.Level * r.Count) / rated);
        }).ToList();

        var engineers = totals.Where(t => t.Key.Item1 == F.EngineerTaken && t.Value > 0)
            .Select(t =>
            {
                var key = t.Key.Item2;
                var id = int.Parse(key, CultureInfo.InvariantCulture);
                var lateOpen = late.Where(l => l.AssigneeId == id).Sum(l => l.OpenLate);
                return new EngineerFigures(id, names.GetValueOrDefault(id, $"#{id}"), t.Value, T(F.EngineerResolved, key),
                    new Rate(T(F.EngineerResponseMet, key), t.Value), new Rate(T(F.EngineerResolveMet, key), T(F.EngineerResolved, key) + lateOpen));
            })
            .OrderByDescending(e => e.Taken).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();

        return new DashboardFigures(hallId, period, now, T(F.Tickets, ""), perDay, perHour,
            Shares<Channel>(F.Channel, T), Shares<Category>(F.Category, T), Shares<TicketKind>(F.Kind, T),
            sla, new SatisfactionFigures(levels, trend), callBack, new GuidanceFigures(succeeded + failed + unknown, succeeded, failed, unknown),
            engineers);
    }

    private static List<Share<TEnum>> Shares<TEnum>(string metric, Func<string, string, int> total) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => new Share<TEnum>(v, total(metric, v.ToString()))).ToList();
}

public sealed record HallChoice(int Id, string Code, string Name);

public sealed record DayFact(DateOnly Day, string Metric, string Key, int Count);

public sealed record LateCount(int? AssigneeId, int WaitingLate, int OpenLate);
