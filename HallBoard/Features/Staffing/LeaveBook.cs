using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Engineers;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.Staffing;

public sealed record LeaveDraft(int EngineerId, LeaveKind Kind, string? Reason, DateTime StartUtc, DateTime EndUtc, int? SubstituteId);

public sealed record LeaveRow(LeaveRequest Leave, string Engineer, string? Substitute);

/// <summary>Leave requests: an engineer asks for themselves (the lead or manager may file one for them), the hall
/// lead and the manager each approve; approved leave that has begun sets 请假 in the same transaction.</summary>
public sealed class LeaveBook(IDbContextFactory<HallDbContext> dbFactory, HallTime time, EngineerStatusBook statuses)
{
    public async Task<int> RequestAsync(int hallId, LeaveDraft draft, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.RosterReaders);
        actor.RequireHall(hallId);
        if (actor.IsIn(R.Engineer) && actor.EngineerId != draft.EngineerId)
            throw new ForbiddenException("只能为本人申请请假。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await RosterBook.EngineerInHallAsync(db, draft.EngineerId, hallId, ct);
        string? substitute = null;
        if (draft.SubstituteId is int s && s != draft.EngineerId)
            substitute = (await db.Engineers.FirstOrDefaultAsync(e => e.Id == s && e.HallId == hallId && e.IsActive, ct))?.Name
                         ?? throw ValidationFailedException.For("substitute", "替岗人员须是本厅在职的工程师。");
        var now = time.UtcNow;
        var leave = LeaveRequest.Request(hallId, draft.EngineerId, draft.Kind, draft.Reason, draft.StartUtc, draft.EndUtc,
            draft.SubstituteId, actor, now);
        db.LeaveRequests.Add(leave);
        db.Audit(actor, now, "请假申请", nameof(LeaveRequest), engineer.Name, null, Describe(leave, substitute), hallId);
        await db.SaveChangesAsync(ct);
        return leave.Id;
    }

    public async Task<LeaveRequest> ApproveAsync(int leaveId, Actor actor, CancellationToken ct = default) =>
        await DecideAsync(leaveId, actor, "请假审批", (leave, now) => leave.Approve(actor, now), ct);

    public async Task<LeaveRequest> RefuseAsync(int leaveId, string? reason, Actor actor, CancellationToken ct = default) =>
        await DecideAsync(leaveId, actor, "请假不批准", (leave, now) => leave.Refuse(actor, reason, now), ct);

    public async Task<IReadOnlyList<LeaveRow>> ListAsync(int hallId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.RosterReaders);
        actor.RequireHall(hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = time.UtcNow.AddDays(-60);
        var query = db.LeaveRequests.AsNoTracking().Where(l => l.HallId == hallId && (l.EndUtc >= since || l.State == LeaveState.Pending));
        // An engineer sees their own requests and those they stand in for.
        if (actor.IsIn(R.Engineer)) query = query.Where(l => l.EngineerId == actor.EngineerId || l.SubstituteId == actor.EngineerId);
        var leaves = await query.OrderByDescending(l => l.State == LeaveState.Pending).ThenByDescending(l => l.StartUtc).Take(200).ToListAsync(ct);
        var names = await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return leaves.Select(l => new LeaveRow(l, names.GetValueOrDefault(l.EngineerId, "?"),
            l.SubstituteId is int s ? names.GetValueOrDefault(s) : null)).ToList();
    }

    private async Task<LeaveRequest> DecideAsync(int leaveId, Actor actor, string action, Action<LeaveRequest, DateTime> decide, CancellationToken ct)
    {
        actor.RequireRole(Policies.RolesOf(Policies.LeaveApprovers));
        EngineerStatusNotice? notice;
        LeaveRequest leave;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            leave = await db.LeaveRequests.FirstOrDefaultAsync(l => l.Id == leaveId, ct) ?? throw new NotFoundException("请假申请不存在。");
            if (!actor.CanSee(leave.HallId)) throw new NotFoundException("请假申请不存在。");
            actor.RequireHall(leave.HallId);
            var now = time.UtcNow;
            var names = await db.Engineers.AsNoTracking().Where(e => e.Id == leave.EngineerId || e.Id == leave.SubstituteId)
                .ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            var substitute = leave.SubstituteId is int s ? names.GetValueOrDefault(s) : null;
            var before = Describe(leave, substitute);
            decide(leave, now);
            db.Audit(actor, now, action, nameof(LeaveRequest), names.GetValueOrDefault(leave.EngineerId), before, Describe(leave, substitute), leave.HallId);
            notice = leave.Covers(now)
                ? await EngineerStatusBook.MoveInAsync(db, leave.EngineerId, leave.HallId, EngineerStatus.OnLeave, actor, now, "请假已批准", ct)
                : null;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { throw new StaffingRuleException("该申请已被他人处理，请刷新后再试。"); }
        }
        await statuses.PublishWithFiguresAsync(notice);
        return leave;
    }

    private string Describe(LeaveRequest l, string? substitute) =>
        $"{Labels.Of(l.Kind)}；{time.Format(l.StartUtc)} 至 {time.Format(l.EndUtc)}；事由={l.Reason}；替岗={substitute ?? "—"}；" +
        $"服务厅负责人={l.LeadApprovedByName ?? "—"}；部门经理={l.ManagerApprovedByName ?? "—"}；状态={l.StateLabel}";
}
