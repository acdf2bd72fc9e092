using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Wall;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Staffing;

/// <summary>Who counts as on duty for the wall's staffing alert: engineers rostered now who are present (在岗 or
/// 服务中), and only while the hall is open; outside opening hours there is nothing to count.</summary>
public sealed class RosteredDuty(IDbContextFactory<HallDbContext> dbFactory)
{
    /// <summary>The count, or null while the hall is closed (no alert then).</summary>
    public async Task<int?> OnDutyAsync(HallSituation situation, CancellationToken ct = default)
    {
        if (!HallHours.IsOpen(situation.Clock, situation.NowUtc)) return null;
        var now = situation.NowUtc;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rostered = await db.RosterShifts.AsNoTracking()
            .Where(s => s.HallId == situation.Hall.Id && s.StartUtc <= now && s.EndUtc > now)
            .Select(s => s.EngineerId).Distinct().ToListAsync(ct);
        return situation.Engineers.Count(e => rostered.Contains(e.Id) && e.Status.IsOnDuty());
    }
}

/// <summary>A replacement (更换) not done within its five business days is a wall alert until it is closed. The
/// message names no one: the wall is public.</summary>
public sealed class ReplacementAlertSource(IDbContextFactory<HallDbContext> dbFactory) : IHallAlertSource
{
    public async ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        var now = situation.NowUtc;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overdue = await db.ReplacementCases.AsNoTracking()
            .Where(r => r.HallId == situation.Hall.Id && r.ClosedUtc == null && r.DueUtc <= now)
            .Select(r => new { r.Id, r.DueUtc }).ToListAsync(ct);
        return overdue.Select(r => new HallAlert($"replacement:{r.Id}", "ReplacementOverdue", AlertKinds.Warning,
            $"人员更换逾期未完成（第 {r.Id} 号）", null, r.DueUtc)).ToList();
    }
}
