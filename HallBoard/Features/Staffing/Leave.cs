using HallBoard.Domain;

namespace HallBoard.Features.Staffing;

/// <summary>因公 (on the company's business) or 因私 (personal).</summary>
public enum LeaveKind { Official, Personal }

public enum LeaveState { Pending, Approved, Refused }

/// <summary>
/// A leave request (请假) as the service requirements put it: the hall lead (甲方办税服务厅负责人) and the
/// department manager (乙方部门经理) both approve before the engineer may leave; more than one day needs a named
/// substitute (替岗) from the same hall. Approved leave shows 请假 for its period. Rules only: no EF, no UI.
/// </summary>
public sealed class LeaveRequest
{
    public const int MaxReason = 200;
    public static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public int EngineerId { get; private set; }
    public LeaveKind Kind { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public int? SubstituteId { get; private set; }
    public LeaveState State { get; private set; }
    public DateTime RequestedUtc { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public string? LeadApprovedByName { get; private set; }
    public DateTime? LeadApprovedUtc { get; private set; }
    public string? ManagerApprovedByName { get; private set; }
    public DateTime? ManagerApprovedUtc { get; private set; }
    public string? RefusedByName { get; private set; }
    public DateTime? RefusedUtc { get; private set; }
    public string? RefusalReason { get; private set; }
    public int Version { get; private set; }

    private LeaveRequest() { }

    public bool MoreThanOneDay => EndUtc - StartUtc > OneDay;

    public bool Covers(DateTime utc) => State == LeaveState.Approved && StartUtc <= utc && utc < EndUtc;

    public static LeaveRequest Request(int hallId, int engineerId, LeaveKind kind, string? reason, DateTime startUtc, DateTime endUtc,
        int? substituteId, Actor by, DateTime nowUtc)
    {
        if (!Enum.IsDefined(kind))
            throw ValidationFailedException.For("kind", "请选择请假类型（因公或因私）。");
        var why = FreeText.Required(reason, "reason", "请假事由", MaxReason);
        if (endUtc <= startUtc)
            throw ValidationFailedException.For("end", "请假结束时间须晚于开始时间。");
        if (endUtc <= nowUtc)
            throw ValidationFailedException.For("end", "请假结束时间已过，不能补请。");
        if (substituteId == engineerId)
            throw ValidationFailedException.For("substitute", "替岗人员不能是请假人本人。");
        if (endUtc - startUtc > OneDay && substituteId is null)
            throw ValidationFailedException.For("substitute", "超过一天的请假须指定替岗人员。");
        return new LeaveRequest
        {
            HallId = hallId,
            EngineerId = engineerId,
            Kind = kind,
            Reason = why,
            StartUtc = startUtc,
            EndUtc = endUtc,
            SubstituteId = substituteId,
            State = LeaveState.Pending,
            RequestedUtc = nowUtc,
            RequestedByName = by.Name,
        };
    }

    /// <summary>The hall lead's or the manager's approval, by the approver's role; approved once both have.</summary>
    public void Approve(Actor by, DateTime nowUtc)
    {
        RequirePending();
        if (by.IsIn(Account.Roles.HallLead))
        {
            if (LeadApprovedUtc is not null) throw new StaffingRuleException("办税服务厅负责人已批准过该申请。");
            (LeadApprovedByName, LeadApprovedUtc) = (by.Name, nowUtc);
        }
        else if (by.IsIn(Account.Roles.Manager))
        {
            if (ManagerApprovedUtc is not null) throw new StaffingRuleException("部门经理已批准过该申请。");
            (ManagerApprovedByName, ManagerApprovedUtc) = (by.Name, nowUtc);
        }
        else throw new ForbiddenException("请假须由办税服务厅负责人和部门经理审批。");
        if (LeadApprovedUtc is not null && ManagerApprovedUtc is not null) State = LeaveState.Approved;
        Version++;
    }

    public void Refuse(Actor by, string? reason, DateTime nowUtc)
    {
        RequirePending();
        if (!by.IsIn(Account.Roles.HallLead, Account.Roles.Manager))
            throw new ForbiddenException("请假须由办税服务厅负责人和部门经理审批。");
        RefusalReason = FreeText.Required(reason, "reason", "不批准的理由", MaxReason);
        (RefusedByName, RefusedUtc, State) = (by.Name, nowUtc, LeaveState.Refused);
        Version++;
    }

    public string StateLabel => State switch
    {
        LeaveState.Approved => "已批准",
        LeaveState.Refused => "未批准",
        _ when LeadApprovedUtc is not null => "待部门经理审批",
        _ when ManagerApprovedUtc is not null => "待服务厅负责人审批",
        _ => "待审批",
    };

    private void RequirePending()
    {
        if (State != LeaveState.Pending) throw new StaffingRuleException($"该请假申请{StateLabel}，不能再审批。");
    }
}
