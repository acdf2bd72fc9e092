using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Sla;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Wall;

/// <summary>Read-only projections for the wall: the hall's open tickets, its engineers and today's figures.</summary>
public sealed class WallQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time, HallAlerts alerts, SlaCalendars calendars)
{
    public async Task<IReadOnlyList<HallEntry>> HallsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Code).Select(h => new HallEntry(h.Id, h.Code, h.Name)).ToListAsync(ct);
    }

    public async Task<WallSnapshot?> SnapshotAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await SituationAsync(db, hallId, ct) is not { } situation) return null;
        var figures = await FiguresAsync(db, hallId, situation.NowUtc, situation.Waiting.Count, situation.InService.Count,
            situation.EngineersOnDuty, ct);
        return new WallSnapshot(situation, figures, await alerts.EvaluateAsync(situation, ct));
    }

    public async Task<HallSituation?> SituationAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SituationAsync(db, hallId, ct);
    }

    /// <summary>The figures alone, counted in SQL: published after every change, so kept cheaper than a snapshot.</summary>
    public async Task<HallFigures?> FiguresAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct)) return null;
        var open = await db.Tickets.AsNoTracking()
            .Where(t => t.HallId == hallId && (t.Status == TicketStatus.Waiting || t.Status == TicketStatus.InProgress))
            .GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var onDuty = await (from s in db.EngineerStates.AsNoTracking()
                            join e in db.Engineers.AsNoTracking() on s.EngineerId equals e.Id
                            where s.HallId == hallId && e.IsActive && (s.Status == EngineerStatus.Available || s.Status == EngineerStatus.Serving)
                            select s.EngineerId).CountAsync(ct);
        return await FiguresAsync(db, hallId, time.UtcNow,
            open.Where(o => o.Status == TicketStatus.Waiting).Sum(o => o.Count),
            open.Where(o => o.Status == TicketStatus.InProgress).Sum(o => o.Count), onDuty, ct);
    }

    private async Task<HallSituation?> SituationAsync(HallDbContext db, int hallId, CancellationToken ct)
    {
        var hall = await db.Halls.AsNoTracking().Where(h => h.Id == hallId)
            .Select(h => new HallEntry(h.Id, h.Code, h.Name)).FirstOrDefaultAsync(ct);
        if (hall is null) return null;
        var now = time.UtcNow;
        var open = await db.Tickets.AsNoTracking()
            .Where(t => t.HallId == hallId && (t.Status == TicketStatus.Waiting || t.Status == TicketStatus.InProgress))
            .Select(t => new WallTicket(t.Id, t.Number, t.Status, t.Category, t.Priority, t.TaxpayerName,
                t.Assignee == null ? null : t.Assignee.Name, t.CreatedUtc, t.ResponseDueUtc, t.TakenUtc, t.ResolveDueUtc)
                { PausedSinceUtc = t.PausedSinceUtc })
            .ToListAsync(ct);
        // Urgent first, then whoever has waited longest: the order engineers should take them in.
        var waiting = open.Where(t => t.Status == TicketStatus.Waiting)
            .OrderByDescending(t => t.Priority == Priority.Urgent).ThenBy(t => t.CreatedUtc).ToList();
        var inService = open.Where(t => t.Status == TicketStatus.InProgress)
            .OrderBy(t => t.TakenUtc ?? t.CreatedUtc).ToList();
        var engineers = await (from e in db.Engineers.AsNoTracking()
                               where e.HallId == hallId && e.IsActive
                               join s in db.EngineerStates.AsNoTracking() on e.Id equals s.EngineerId into states
                               from s in states.DefaultIfEmpty()
                               orderby e.EmployeeNo
                               select new WallEngineer(e.Id, e.Name, s == null ? EngineerStatus.Offline : s.Status,
                                   s == null ? null : s.SinceUtc))
            .ToListAsync(ct);
        return new HallSituation(hall, now, waiting, inService, engineers) { Clock = await calendars.ClockAsync(hallId, ct) };
    }

    /// <summary>Today is the hall's local day. Waiting and in service count every open ticket, whenever it came in.</summary>
    private async Task<HallFigures> FiguresAsync(HallDbContext db, int hallId, DateTime nowUtc, int waiting, int inService,
        int onDuty, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.ToLocal(nowUtc));
        var start = time.DayStartUtc(today);
        var end = time.DayStartUtc(today.AddDays(1));
        var tickets = db.Tickets.AsNoTracking().Where(t => t.HallId == hallId);

        var takenToday = await tickets.Where(t => t.TakenUtc >= start && t.TakenUtc < end)
            .Select(t => new { t.CreatedUtc, t.TakenUtc }).ToListAsync(ct);
        var resolvedToday = await tickets.Where(t => t.ResolvedUtc >= start && t.ResolvedUtc < end)
            .Select(t => new { t.TakenUtc, t.ResolvedUtc }).ToListAsync(ct);
        // Every rating given today, also one a reopen has since cleared from its ticket.
        var ratingsToday = await tickets.SelectMany(t => t.Ratings).Where(r => r.AtUtc >= start && r.AtUtc < end)
            .Select(r => r.Level).ToListAsync(ct);

        var createdToday = await tickets.Where(t => t.CreatedUtc >= start && t.CreatedUtc < end)
            .GroupBy(t => t.GuidedOnline).Select(g => new { Guided = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ticketsToday = createdToday.Sum(c => c.Count);

        return new HallFigures(
            Tickets: ticketsToday,
            Resolved: resolvedToday.Count,
            Waiting: waiting,
            InService: inService,
            EngineersOnDuty: onDuty,
            AverageWaitSeconds: AverageSeconds(takenToday.Select(t => t.TakenUtc!.Value - t.CreatedUtc)),
            AverageHandlingSeconds: AverageSeconds(resolvedToday.Where(t => t.TakenUtc is not null)
                .Select(t => t.ResolvedUtc!.Value - t.TakenUtc!.Value)),
            // 满意 or better: the levels are stored as names, so they are compared here rather than in SQL.
            SatisfactionRate: ratingsToday.Count == 0 ? null
                : (double)ratingsToday.Count(l => l >= SatisfactionLevel.Satisfied) / ratingsToday.Count,
            // 引导线上办理占比: today's tickets whose taxpayer was guided to handle the business online.
            OnlineGuidedShare: ticketsToday == 0 ? null
                : (double)createdToday.Where(c => c.Guided).Sum(c => c.Count) / ticketsToday);
    }

    private static int? AverageSeconds(IEnumerable<TimeSpan> spans)
    {
        var list = spans.Where(s => s >= TimeSpan.Zero).ToList();
        return list.Count == 0 ? null : (int)Math.Round(list.Average(s => s.TotalSeconds));
    }
}
