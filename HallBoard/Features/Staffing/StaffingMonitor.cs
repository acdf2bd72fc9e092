using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Engineers;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Staffing;

/// <summary>
/// Once a minute: approved leave sets 请假 when it begins and ends it when it is over, and every engineer off post
/// during a rostered shift for more than two hours without approved leave gets an absence record. An absence after a
/// rectification notice is a repeat and opens a replacement case. Each engineer is one transaction with its audit.
/// </summary>
public sealed class StaffingMonitor(
    IDbContextFactory<HallDbContext> dbFactory,
    HallTime time,
    TimeProvider clock,
    EngineerStatusBook statuses,
    DisciplineBook discipline,
    ILogger<StaffingMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = new ClockSchedule(clock, TimeSpan.FromMinutes(1));
        try
        {
            do
            {
                try { await CheckAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Checking leave and absences failed; trying again at the next tick");
                }
            } while (await schedule.WaitAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }

    public async Task CheckAsync(CancellationToken ct = default)
    {
        await LeaveAsync(ct);
        await AbsencesAsync(ct);
    }

    private async Task LeaveAsync(CancellationToken ct)
    {
        var now = time.UtcNow;
        List<EngineerState> states;
        List<LeaveRequest> leaves;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            leaves = await db.LeaveRequests.AsNoTracking()
                .Where(l => l.State == LeaveState.Approved && l.StartUtc <= now && l.EndUtc > now).ToListAsync(ct);
            var onLeave = leaves.Select(l => l.EngineerId).ToList();
            states = await db.EngineerStates.AsNoTracking()
                .Where(s => s.Status == EngineerStatus.OnLeave || onLeave.Contains(s.EngineerId)).ToListAsync(ct);
            var missing = onLeave.Except(states.Select(s => s.EngineerId)).ToList();
            states.AddRange(leaves.Where(l => missing.Contains(l.EngineerId)).Select(l => EngineerState.For(l.EngineerId, l.HallId, DateTime.MinValue)));
        }
        foreach (var candidate in states.DistinctBy(s => s.EngineerId))
        {
            EngineerStatusNotice? notice;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                // Decided again on this context's own reads, the state first: a leave approved after the scan above is
                // in the leave read here, and a status changed after the state read fails the save on its version.
                // Decided on the scan, an approval committed between its two reads ended the new leave at once.
                var state = await db.EngineerStates.FindAsync([candidate.EngineerId], ct) ?? candidate;
                var spans = await db.LeaveRequests.AsNoTracking()
                    .Where(l => l.EngineerId == candidate.EngineerId && l.State == LeaveState.Approved && l.StartUtc <= now && l.EndUtc > now)
                    .Select(l => new Span(l.StartUtc, l.EndUtc)).ToListAsync(ct);
                if (LeaveStatusRule.Next(state.Status, state.SinceUtc, spans, now) is not { } to) continue;
                notice = await EngineerStatusBook.MoveInAsync(db, candidate.EngineerId, candidate.HallId, to, Actor.System, now,
                    to == EngineerStatus.OnLeave ? "请假开始" : "请假结束", ct);
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException) { continue; } // changed meanwhile; the next tick decides again
            }
            await statuses.PublishWithFiguresAsync(notice);
        }
    }

    private async Task AbsencesAsync(CancellationToken ct)
    {
        var now = time.UtcNow;
        var from = now - LookBack;
        await using var read = await dbFactory.CreateDbContextAsync(ct);
        var shifts = await read.RosterShifts.AsNoTracking().Where(s => s.StartUtc < now && s.EndUtc > from).ToListAsync(ct);
        foreach (var mine in shifts.GroupBy(s => s.EngineerId))
        {
            var start = mine.Min(s => s.StartUtc);
            var changes = await read.EngineerStatusChanges.AsNoTracking()
                .Where(c => c.EngineerId == mine.Key && c.AtUtc > start && c.AtUtc <= now).Select(c => new StatusAt(c.AtUtc, c.To)).ToListAsync(ct);
            var before = await read.EngineerStatusChanges.AsNoTracking().Where(c => c.EngineerId == mine.Key && c.AtUtc <= start)
                .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Select(c => (EngineerStatus?)c.To).FirstOrDefaultAsync(ct);
            var leave = await read.LeaveRequests.AsNoTracking()
                .Where(l => l.EngineerId == mine.Key && l.State == LeaveState.Approved && l.EndUtc > start && l.StartUtc < now)
                .Select(l => new Span(l.StartUtc, l.EndUtc)).ToListAsync(ct);
            var found = AbsenceRule.Find(before ?? EngineerStatus.Offline, changes,
                mine.Select(s => (s.Id, new Span(s.StartUtc, s.EndUtc))), leave, now);
            foreach (var absence in found)
            {
                try { await RecordAsync(mine.First().HallId, mine.Key, absence, now, ct); }
                catch (DbUpdateException ex) { logger.LogDebug(ex, "Absence recorded meanwhile by another instance"); }
            }
        }
    }

    private async Task RecordAsync(int hallId, int engineerId, AbsenceFound found, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.AbsenceRecords.FirstOrDefaultAsync(a => a.EngineerId == engineerId && a.StartUtc == found.StartUtc, ct);
        if (known is not null)
        {
            // Still off post: the stretch grows; the record and its audit entry were written when it passed two hours.
            if (known.EndUtc != found.EndUtc) known.EndUtc = found.EndUtc;
            await db.SaveChangesAsync(ct);
            return;
        }
        var name = await db.Engineers.Where(e => e.Id == engineerId).Select(e => e.Name).FirstAsync(ct);
        db.AbsenceRecords.Add(new AbsenceRecord
        {
            HallId = hallId, EngineerId = engineerId, ShiftId = found.ShiftId, StartUtc = found.StartUtc, EndUtc = found.EndUtc, FoundUtc = now,
        });
        db.Audit(Actor.System, now, "脱岗记录", nameof(AbsenceRecord), name, null,
            $"{time.Format(found.StartUtc)} 起离岗超过 {AbsenceRule.Limit.TotalHours:0} 小时，未请假", hallId);
        if (await db.Rectifications.AnyAsync(r => r.EngineerId == engineerId && r.IssuedUtc < found.StartUtc, ct))
            await discipline.OpenReplacementAsync(db, hallId, engineerId, name, "整改后再次脱岗", Actor.System, now, ct);
        await db.SaveChangesAsync(ct);
    }
}
