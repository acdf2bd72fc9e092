using HallBoard.Domain;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.Escalations;

/// <summary>To whom a ticket is escalated: the hall lead (甲方), or the bureau's ops authority (主管税务机关运维部门).</summary>
public enum EscalationTarget { HallLead, OpsAuthority }

/// <summary>An escalation refused a move (answering it twice, a deadline in the past …).</summary>
public sealed class EscalationRuleException(string message) : HallBoardException(message);

/// <summary>
/// A ticket handed up for a decision or help: why, to whom, when, and by when an answer is wanted. It is open until
/// answered; an open one past its deadline is overdue. Rules only: no EF, no UI.
/// </summary>
public sealed class Escalation
{
    public const int MaxReason = 500;
    public const int MaxRecipient = 50;
    public const int MaxAnswer = 1000;
    public static readonly TimeSpan ShortestDeadline = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(30);

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public int TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public EscalationTarget Target { get; private set; }
    public string? Recipient { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTime RaisedUtc { get; private set; }
    public string RaisedById { get; private set; } = "";
    public string RaisedByName { get; private set; } = "";
    public DateTime DueUtc { get; private set; }
    public DateTime? AnsweredUtc { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredById { get; private set; }
    public string? AnsweredByName { get; private set; }

    private Escalation() { }

    public bool IsOpen => AnsweredUtc is null;

    public bool IsOverdue(DateTime nowUtc) => IsOpen && nowUtc > DueUtc;

    /// <summary>How long it has been open, or how long it took to answer.</summary>
    public TimeSpan Age(DateTime nowUtc) => (AnsweredUtc ?? nowUtc) - RaisedUtc;

    public static Escalation Raise(int hallId, int ticketId, string ticketNumber, EscalationTarget target, string? recipient,
        string? reason, DateTime dueUtc, Actor by, DateTime nowUtc)
    {
        if (!Enum.IsDefined(target))
            throw ValidationFailedException.For("target", "请选择升级对象。");
        var why = FreeText.Required(reason, "reason", "升级原因", MaxReason);
        var to = FreeText.Optional(recipient, "recipient", "接收人", MaxRecipient);
        if (dueUtc < nowUtc + ShortestDeadline)
            throw ValidationFailedException.For("due", "答复期限须晚于当前时间至少 10 分钟。");
        if (dueUtc > nowUtc + LongestDeadline)
            throw ValidationFailedException.For("due", "答复期限不能超过 30 天。");
        return new Escalation
        {
            HallId = hallId,
            TicketId = ticketId,
            TicketNumber = ticketNumber,
            Target = target,
            Recipient = to,
            Reason = why,
            RaisedUtc = nowUtc,
            RaisedById = by.Id,
            RaisedByName = by.Name,
            DueUtc = dueUtc,
        };
    }

    /// <summary>Who answers: the hall lead and above for any escalation; a bureau account only those addressed to the bureau.</summary>
    public static bool MayAnswerAny(Actor actor) => actor.IsIn(R.HallLead, R.Manager, R.Admin);

    /// <summary>Who raises escalations at all: the hall's staff (the bureau answers, it does not raise).</summary>
    public static bool MayRaise(Actor actor) => actor.IsIn(R.StaffRoles);

    /// <summary>Why this actor may not raise an escalation on a ticket in this state now, or null. Staff raise;
    /// a closed ticket takes no new one, and one open escalation per ticket waits for its answer first.</summary>
    public static HallBoardException? RaiseRefusal(Actor actor, TicketStatus ticketStatus, bool ticketHasOpenEscalation) =>
        !MayRaise(actor) ? new ForbiddenException(Actor.NoRightMessage)
        : ticketStatus == TicketStatus.Closed ? new TicketRuleException(TicketRule.IllegalTransition, $"工单当前状态为“{Labels.Of(ticketStatus)}”，不能升级。")
        : ticketHasOpenEscalation ? new EscalationRuleException("该工单已有未答复的升级，请等答复后再升级。")
        : null;

    /// <summary>Why this actor may not answer this escalation now, or null; <see cref="AnswerWith"/> refuses with it.</summary>
    public HallBoardException? AnswerRefusal(Actor actor) =>
        !MayAnswerAny(actor) && !actor.IsIn(R.Bureau) ? new ForbiddenException(Actor.NoRightMessage)
        : !MayAnswerAny(actor) && Target != EscalationTarget.OpsAuthority ? new ForbiddenException("局方账号只能答复升级至主管税务机关运维部门的升级。")
        : !IsOpen ? new EscalationRuleException("该升级已答复，不能再次答复。")
        : null;

    public bool CanAnswer(Actor actor) => AnswerRefusal(actor) is null;

    /// <summary>Records the answer of the lead or the authority; an escalation is answered once.</summary>
    public void AnswerWith(string? answer, Actor by, DateTime nowUtc)
    {
        if (AnswerRefusal(by) is { } refused) throw refused;
        Answer = FreeText.Required(answer, "answer", "答复内容", MaxAnswer);
        AnsweredUtc = nowUtc;
        AnsweredById = by.Id;
        AnsweredByName = by.Name;
    }

    public string TargetLabel => Labels.Of(Target);

    /// <summary>"3小时20分" or "2天5小时": how long an escalation has waited.</summary>
    public static string FormatAge(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}天{age.Hours}小时"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}小时{age.Minutes}分"
            : $"{(int)age.TotalMinutes}分钟";
    }
}
