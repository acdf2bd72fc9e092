using HallBoard.Domain.Sla;

namespace HallBoard.Domain;

/// <summary>
/// One taxpayer question or fault, run through the closed loop
/// 录入 → 受理 → 解决 → 回访 → 评分 → 关闭. Every move is a method that refuses an illegal step.
/// </summary>
public sealed partial class Ticket
{
    public const int MaxText = 2000;
    public const int MaxFollowUpAttemptsBeforeUnreachable = 1;

    private readonly List<TicketEvent> _events = [];
    private readonly List<TicketRating> _ratings = [];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Number { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public TicketStatus Status { get; private set; }
    public Channel Channel { get; private set; }
    public Category Category { get; private set; }
    public TicketKind Kind { get; private set; }
    public Priority Priority { get; private set; }
    public string TaxpayerName { get; private set; } = "";
    public string? TaxpayerId { get; private set; }
    public string? TaxpayerPhone { get; private set; }
    public string Description { get; private set; } = "";
    public int? AssigneeId { get; private set; }
    public Engineer? Assignee { get; private set; }
    public DateTime ResponseDueUtc { get; private set; }
    public DateTime ResolveDueUtc { get; private set; }
    public DateTime? TakenUtc { get; private set; }
    public DateTime? ResolvedUtc { get; private set; }
    public string? Resolution { get; private set; }
    public FollowUpOutcome? LastFollowUp { get; private set; }
    public DateTime? FollowedUpUtc { get; private set; }
    public int FollowUpAttempts { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    public CloseReason? CloseReason { get; private set; }
    public string? CloseNote { get; private set; }
    public int ReopenCount { get; private set; }
    public int Version { get; private set; }
    public string CreatedById { get; private set; } = "";
    public bool GuidedOnline { get; private set; }
    public bool? GuidanceSucceeded { get; private set; }
    public int? GuidanceItemId { get; private set; }
    /// <summary>Set when a complaint or a 不满意 / 非常不满意 rating arrives; a recorded call-back clears it,
    /// and the ticket cannot close while it is set.</summary>
    public DateTime? CallBackRequiredUtc { get; private set; }

    /// <summary>Set while the ticket waits on the taxpayer (材料补正等): the SLA clock stands still and the ticket is not overdue.</summary>
    public DateTime? PausedSinceUtc { get; private set; }

    public IReadOnlyList<TicketEvent> Events => _events;

    /// <summary>The rating history (loaded only where needed; a new rating is always appended).</summary>
    public IReadOnlyList<TicketRating> Ratings => _ratings;

    private Ticket() { }

    /// <summary>Targets in elapsed time, for tickets not run on a hall's business calendar (imports, tests);
    /// the hall's commands open tickets with the overload taking the hall's <see cref="SlaClock"/>.</summary>
    public static Ticket Open(int hallId, string number, TicketDraft draft, SlaTarget sla, Actor by, DateTime nowUtc) =>
        Open(hallId, number, draft, sla, SlaClock.AroundTheClock, by, nowUtc);

    /// <summary>Opens a ticket whose response and resolve targets run in the hall's business time: a ticket logged
    /// on Friday evening is due on Monday morning, one logged before a public holiday after it.</summary>
    public static Ticket Open(int hallId, string number, TicketDraft draft, SlaTarget sla, SlaClock clock, Actor by, DateTime nowUtc)
    {
        var ticket = new Ticket
        {
            HallId = hallId,
            Number = number,
            CreatedUtc = nowUtc,
            Status = TicketStatus.Waiting,
            Channel = draft.Channel,
            Category = draft.Category,
            Kind = draft.Kind,
            Priority = draft.Priority,
            TaxpayerName = draft.TaxpayerName.Trim(),
            TaxpayerId = Blank(draft.TaxpayerId),
            TaxpayerPhone = Blank(draft.TaxpayerPhone),
            Description = draft.Description.Trim(),
            ResponseDueUtc = clock.Add(nowUtc, sla.Response),
            ResolveDueUtc = clock.Add(nowUtc, sla.Resolve),
            CreatedById = by.Id,
            GuidedOnline = draft.GuidedOnline,
            GuidanceSucceeded = draft.GuidedOnline ? draft.GuidanceSucceeded : null,
            GuidanceItemId = draft.GuidedOnline ? draft.GuidanceItemId : null,
        };
        ticket.Record(TicketEventKind.Created, null, by, nowUtc, null);
        return ticket;
    }

    /// <summary>A hotline call logged outside opening hours: the response is due around the clock, not at the next opening.</summary>
    public void RespondAfterHours(DateTime dueUtc)
    {
        if (Status != TicketStatus.Waiting || dueUtc < CreatedUtc) throw Illegal("设置非营业时间响应时限");
        ResponseDueUtc = dueUtc;
    }

    public bool IsOverdue(DateTime nowUtc) => PausedSinceUtc is null && Status switch
    {
        TicketStatus.Waiting => nowUtc > ResponseDueUtc,
        TicketStatus.InProgress => nowUtc > ResolveDueUtc,
        _ => false,
    };

    /// <summary>首问责任制: whoever takes a waiting ticket owns it.</summary>
    public void Take(Engineer engineer, Actor by, DateTime nowUtc)
    {
        Check(TicketMove.Take, by);
        var from = Status;
        AssigneeId = engineer.Id;
        Assignee = engineer;
        TakenUtc = nowUtc;
        Status = TicketStatus.InProgress;
        Record(TicketEventKind.Taken, from, by, nowUtc, $"负责人：{engineer.Name}");
    }

    public void HandOver(Engineer to, string reason, Actor by, DateTime nowUtc)
    {
        Check(TicketMove.HandOver, by);
        if (to.Id == AssigneeId)
            throw new TicketRuleException(TicketRule.SameAssignee, "不能转交给当前负责人本人。");
        var why = RequireText(reason, "转交原因");
        var previous = Assignee?.Name ?? "";
        AssigneeId = to.Id;
        Assignee = to;
        Record(TicketEventKind.HandedOver, TicketStatus.InProgress, by, nowUtc, $"{previous} → {to.Name}：{why}");
    }

    public void Resolve(string resolution, Actor by, DateTime nowUtc)
    {
        Check(TicketMove.Resolve, by);
        Resolution = RequireText(resolution, "解决方案", TicketRule.ResolutionRequired);
        ResolvedUtc = nowUtc;
        Move(TicketStatus.Resolved, TicketEventKind.Resolved, by, nowUtc, Resolution);
    }

    /// <summary>A reopen continues the resolve clock rather than restarting it: the time between resolving and
    /// reopening does not count (the ticket was with the taxpayer), whatever was left then is left now, and a ticket
    /// resolved late is overdue again at once. Without <paramref name="clock"/> the time is elapsed time.</summary>
    public void Reopen(string reason, Actor by, DateTime nowUtc, SlaClock? clock = null)
    {
        Check(TicketMove.Reopen, by);
        var why = RequireText(reason, "重新打开原因");
        ReopenBack(why, by, nowUtc, clock);
    }

    /// <summary>等待纳税人: the owner waits on the taxpayer (missing papers, a call back); the clock stops.</summary>
    public void WaitOnTaxpayer(string reason, Actor by, DateTime nowUtc)
    {
        Check(TicketMove.WaitOnTaxpayer, by);
        var why = RequireText(reason, "等待纳税人的事项");
        PausedSinceUtc = nowUtc;
        Record(TicketEventKind.WaitingOnTaxpayer, Status, by, nowUtc, why);
    }

    /// <summary>恢复处理: the clock runs on; the resolve due time moves on by the business time the pause took, so
    /// what was left when the pause began is left now. Without <paramref name="clock"/> the time is elapsed time.</summary>
    public void Resume(Actor by, DateTime nowUtc, SlaClock? clock = null)
    {
        Check(TicketMove.Resume, by);
        var since = PausedSinceUtc!.Value;
        var sla = clock ?? SlaClock.AroundTheClock;
        ResolveDueUtc = sla.Add(nowUtc, sla.Between(since, ResolveDueUtc));
        PausedSinceUtc = null;
        Record(TicketEventKind.Resumed, Status, by, nowUtc, $"解决时限顺延至 {TimeZoneInfo.ConvertTimeFromUtc(ResolveDueUtc, sla.Zone):MM-dd HH:mm}");
    }

    /// <summary>回访: the call-back after resolving. A dissatisfied taxpayer reopens the ticket.</summary>
    public void FollowUp(FollowUpOutcome outcome, string? note, Actor by, DateTime nowUtc, SlaClock? clock = null)
    {
        Check(TicketMove.FollowUp, by);
        var text = OptionalText(note);
        CallBackRequiredUtc = null;
        FollowUpAttempts++;
        LastFollowUp = outcome;
        var detail = text is null ? Labels.Of(outcome) : $"{Labels.Of(outcome)}：{text}";
        switch (outcome)
        {
            case FollowUpOutcome.Reached:
                FollowedUpUtc = nowUtc;
                Move(Satisfaction is null ? TicketStatus.FollowedUp : TicketStatus.Rated, TicketEventKind.FollowUp, by, nowUtc, detail);
                break;
            case FollowUpOutcome.NotReached:
                Record(TicketEventKind.FollowUp, Status, by, nowUtc, detail);
                break;
            case FollowUpOutcome.NotSatisfied:
                FollowedUpUtc = nowUtc;
                Record(TicketEventKind.FollowUp, Status, by, nowUtc, detail);
                ReopenBack("回访时纳税人表示问题未解决", by, nowUtc, clock);
                break;
        }
    }

    /// <summary>评分: one rating per service, from the tablet, the taxpayer's phone or the call-back.</summary>
    public Satisfaction Rate(SatisfactionLevel level, string? comment, RatingSource source, Actor by, DateTime nowUtc)
    {
        if (!Enum.IsDefined(level))
            throw new TicketRuleException(TicketRule.IllegalTransition, "评分等级无效。");
        Check(TicketMove.Rate, by);
        Satisfaction = new Satisfaction
        {
            Level = level,
            Comment = OptionalText(comment, 500),
            Source = source,
            AtUtc = nowUtc,
        };
        _ratings.Add(new TicketRating
        {
            Level = Satisfaction.Level, Comment = Satisfaction.Comment, Source = source, AtUtc = nowUtc,
        });
        var next = Status == TicketStatus.FollowedUp ? TicketStatus.Rated : TicketStatus.Resolved;
        Move(next, TicketEventKind.Rated, by, nowUtc, $"{Labels.Of(level)}（{Labels.Of(source)}）");
        if (IsBadRating(level)) CallBackRequiredUtc = nowUtc;
        return Satisfaction;
    }

    /// <summary>Close after follow-up and rating, or with a recorded reason why that could not happen.</summary>
    public void Close(CloseReason reason, string? note, Actor by, DateTime nowUtc)
    {
        Check(reason == Domain.CloseReason.Completed ? TicketMove.Close : TicketMove.CloseUnfinished, by);
        var text = OptionalText(note);
        switch (reason)
        {
            case Domain.CloseReason.Unreachable when FollowUpAttempts < MaxFollowUpAttemptsBeforeUnreachable
                                                      || LastFollowUp != FollowUpOutcome.NotReached || FollowedUpUtc is not null:
                throw new TicketRuleException(TicketRule.NotReadyToClose, "需先记录一次未联系上的回访，才能以“联系不上”关闭。");
            case Domain.CloseReason.Unreachable or Domain.CloseReason.Declined when text is null:
                throw new TicketRuleException(TicketRule.ReasonRequired, "请填写无法完成回访或评价的说明。");
        }
        CloseReason = reason;
        CloseNote = text;
        ClosedUtc = nowUtc;
        Move(TicketStatus.Closed, TicketEventKind.Closed, by, nowUtc, text is null ? Labels.Of(reason) : $"{Labels.Of(reason)}：{text}");
    }

    /// <summary>A step taken beside the closed loop (an escalation raised or answered, a link to a major incident)
    /// joins the timeline; the status does not move. A closed ticket takes no new escalation.</summary>
    public void Note(TicketEventKind kind, string note, Actor by, DateTime nowUtc)
    {
        if (kind is not (TicketEventKind.Escalated or TicketEventKind.EscalationAnswered or TicketEventKind.LinkedToIncident))
            throw new TicketRuleException(TicketRule.IllegalTransition, $"不能在时间线上记录“{Labels.Of(kind)}”。");
        if (kind == TicketEventKind.Escalated && Status == TicketStatus.Closed) throw Illegal("升级");
        Record(kind, Status, by, nowUtc, RequireText(note, Labels.Of(kind) + "说明"));
    }

    /// <summary>不满意 and 非常不满意 alert the hall lead and owe the taxpayer a call-back.</summary>
    public static bool IsBadRating(SatisfactionLevel level) => level is SatisfactionLevel.Dissatisfied or SatisfactionLevel.VeryDissatisfied;

    /// <summary>Taxpayer feedback about this service arrived; a complaint owes the taxpayer a call-back before closing
    /// (a closed ticket only keeps the trace).</summary>
    public void NoteFeedback(string summary, bool complaint, Actor by, DateTime nowUtc)
    {
        if (complaint && Status != TicketStatus.Closed) CallBackRequiredUtc = nowUtc;
        Record(TicketEventKind.FeedbackReceived, Status, by, nowUtc, OptionalText(summary, 200));
    }

    /// <summary>The outcome of guiding the taxpayer online, recorded later when it was not known at intake.</summary>
    public void RecordGuidanceOutcome(bool succeeded, Actor by, DateTime nowUtc)
    {
        if (!GuidedOnline)
            throw new TicketRuleException(TicketRule.IllegalTransition, "该工单未引导线上办理，不能记录引导结果。");
        if (GuidanceSucceeded is not null)
            throw new TicketRuleException(TicketRule.IllegalTransition, "引导结果已记录，不能重复记录。");
        GuidanceSucceeded = succeeded;
        Record(TicketEventKind.Commented, Status, by, nowUtc, succeeded ? "线上引导办理：成功" : "线上引导办理：未成功");
    }

    private void ReopenBack(string why, Actor by, DateTime nowUtc, SlaClock? clock)
    {
        if (ResolvedUtc is DateTime resolvedAt)
        {
            var sla = clock ?? SlaClock.AroundTheClock;
            ResolveDueUtc = sla.Add(nowUtc, sla.Between(resolvedAt, ResolveDueUtc));
        }
        ReopenCount++;
        Resolution = null;
        ResolvedUtc = null;
        Satisfaction = null;
        LastFollowUp = null;
        FollowedUpUtc = null;
        Move(AssigneeId is null ? TicketStatus.Waiting : TicketStatus.InProgress, TicketEventKind.Reopened, by, nowUtc, why);
    }

    private void Move(TicketStatus to, TicketEventKind kind, Actor by, DateTime nowUtc, string? note)
    {
        var from = Status;
        Status = to;
        Record(kind, from, by, nowUtc, note);
    }

    private void Record(TicketEventKind kind, TicketStatus? from, Actor by, DateTime nowUtc, string? note)
    {
        Version++;
        _events.Add(new TicketEvent
        {
            AtUtc = nowUtc,
            Kind = kind,
            FromStatus = from,
            ToStatus = Status,
            ActorId = by.Id,
            ActorName = by.Name,
            Note = note,
        });
    }

    private TicketRuleException Illegal(string action) =>
        new(TicketRule.IllegalTransition, $"工单当前状态为“{Labels.Of(Status)}”，不能{action}。");

    private static string RequireText(string? text, string field, TicketRule rule = TicketRule.ReasonRequired)
    {
        var value = OptionalText(text);
        return value ?? throw new TicketRuleException(rule, $"请填写{field}。");
    }

    private static string? OptionalText(string? text, int max = MaxText)
    {
        var value = Blank(text);
        if (value is { Length: var n } && n > max)
            throw new TicketRuleException(TicketRule.TextTooLong, $"内容过长（最多 {max} 字）。");
        if (value is not null && TextRules.Problem(value) is { } why)
            throw new TicketRuleException(TicketRule.MarkupRefused, "内容" + why);
        return value;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
