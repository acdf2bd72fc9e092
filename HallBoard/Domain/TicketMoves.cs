using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Domain;

/// <summary>The moves of the closed loop a screen can offer; <see cref="Ticket.AllowedMoves"/> says which are open now.</summary>
public enum TicketMove { Take, HandOver, Resolve, WaitOnTaxpayer, Resume, FollowUp, Rate, Reopen, Close, CloseUnfinished }

public sealed partial class Ticket
{
    private static readonly TicketMove[] AllMoves = Enum.GetValues<TicketMove>();

    /// <summary>The moves this actor may take now, given the ticket's state and who the actor is; the same rule the
    /// moves themselves check. Whether the actor works tickets at all is the service's gate (Policies.TicketWriters).</summary>
    public IReadOnlySet<TicketMove> AllowedMoves(Actor actor) => AllMoves.Where(m => Can(m, actor)).ToHashSet();

    public bool Can(TicketMove move, Actor actor) => RefusalOf(move, actor) is null;

    /// <summary>Why this actor may not take this move now (the Chinese message the command refuses with), or null.</summary>
    public string? Refusal(TicketMove move, Actor actor) => RefusalOf(move, actor)?.Message;

    private void Check(TicketMove move, Actor actor)
    {
        if (RefusalOf(move, actor) is { } refused) throw refused;
    }

    private HallBoardException? RefusalOf(TicketMove move, Actor actor) => move switch
    {
        TicketMove.Take => Status != TicketStatus.Waiting ? Illegal("受理") : null,
        TicketMove.HandOver => Working(actor, "转交"),
        TicketMove.Resolve => Working(actor, "解决") ?? (PausedSinceUtc is not null
            ? new TicketRuleException(TicketRule.IllegalTransition, "工单正在等待纳税人，请先恢复处理再解决。") : null),
        TicketMove.WaitOnTaxpayer => Working(actor, "标记等待纳税人") ?? (PausedSinceUtc is not null
            ? new TicketRuleException(TicketRule.IllegalTransition, "工单已在等待纳税人。") : null),
        TicketMove.Resume => Working(actor, "恢复处理") ?? (PausedSinceUtc is null
            ? new TicketRuleException(TicketRule.IllegalTransition, "工单没有在等待纳税人，无需恢复处理。") : null),
        TicketMove.FollowUp => Status is TicketStatus.Resolved or TicketStatus.FollowedUp
                               || (Status == TicketStatus.Rated && CallBackRequiredUtc is not null) ? null : Illegal("回访"),
        TicketMove.Rate => Satisfaction is not null ? new TicketRuleException(TicketRule.AlreadyRated, "该工单已评价，不能重复评价。")
            : Status is TicketStatus.Resolved or TicketStatus.FollowedUp ? null : Illegal("评价"),
        TicketMove.Reopen => Status is not (TicketStatus.Resolved or TicketStatus.FollowedUp or TicketStatus.Rated) ? Illegal("重新打开")
            // The rating stays in the history, but undoing a rated service is the lead's call.
            : Satisfaction is not null && !actor.IsIn(R.LeadRoles)
                ? new ForbiddenException("已评价的工单只能由办税服务厅负责人或以上角色重新打开。") : null,
        TicketMove.Close => Closable() ?? (Status != TicketStatus.Rated
            ? new TicketRuleException(TicketRule.NotReadyToClose, "回访和评分都完成后才能关闭工单。") : null),
        TicketMove.CloseUnfinished => Closable() ?? (Status is TicketStatus.Resolved or TicketStatus.FollowedUp or TicketStatus.Rated
            ? null : Illegal("关闭")),
        _ => new TicketRuleException(TicketRule.IllegalTransition, "不支持的操作。"),
    };

    /// <summary>In progress and, for an engineer, their own ticket (首问责任制); a lead without an engineer identity may act.</summary>
    private TicketRuleException? Working(Actor actor, string action) =>
        Status != TicketStatus.InProgress ? Illegal(action)
        : actor.EngineerId is not null && actor.EngineerId != AssigneeId
            ? new TicketRuleException(TicketRule.NotAssignee, $"只有当前负责人才能{action}该工单（首问责任制）。")
            : null;

    private TicketRuleException? Closable() =>
        Status == TicketStatus.Closed ? Illegal("再次关闭")
        : CallBackRequiredUtc is not null
            ? new TicketRuleException(TicketRule.NotReadyToClose, "该工单收到投诉或不满意评价，须先记录一次回访才能关闭。")
            : null;
}
