using HallBoard.Domain;
using HallBoard.Features.Escalations;

namespace HallBoard.Tests.Features.Escalations;

/// <summary>Who may raise and answer an escalation, and when: the rule the ticket page and /escalations draw their
/// buttons from and the commands refuse with.</summary>
public sealed class EscalationMoveTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Engineer = new("u1", "张伟", 1, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Lead = new("u9", "刘主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };
    private static readonly Actor Bureau = new("u-b", "市局运维科", null, 1) { Roles = new HashSet<string> { "Bureau" } };

    public enum Who { Engineer, Lead, Bureau }

    // target × answered × who → may answer
    public static TheoryData<EscalationTarget, bool, Who, bool> Answering() => new()
    {
        { EscalationTarget.HallLead, false, Who.Engineer, false },
        { EscalationTarget.HallLead, false, Who.Lead, true },
        { EscalationTarget.HallLead, false, Who.Bureau, false },
        { EscalationTarget.OpsAuthority, false, Who.Engineer, false },
        { EscalationTarget.OpsAuthority, false, Who.Lead, true },
        { EscalationTarget.OpsAuthority, false, Who.Bureau, true },
        { EscalationTarget.OpsAuthority, true, Who.Lead, false },
        { EscalationTarget.OpsAuthority, true, Who.Bureau, false },
    };

    [Theory]
    [MemberData(nameof(Answering))]
    public void Answering_is_offered_to_whom_the_escalation_is_for_while_it_is_open(EscalationTarget target, bool answered, Who who, bool expected)
    {
        var escalation = Escalation.Raise(1, 7, "GX-20261127-0007", target, null, "需要协调", Now.AddHours(4), Engineer, Now);
        if (answered) escalation.AnswerWith("已协调", Lead, Now.AddHours(1));
        var actor = ActorOf(who);

        Assert.Equal(expected, escalation.CanAnswer(actor));
        if (!expected)
        {
            var refusal = escalation.AnswerRefusal(actor)!;
            var thrown = Assert.IsAssignableFrom<HallBoardException>(Record.Exception(() => escalation.AnswerWith("再答复", actor, Now.AddHours(2))));
            Assert.Equal(refusal.Message, thrown.Message);
        }
    }

    // ticket status × an open escalation × who → may raise
    public static TheoryData<TicketStatus, bool, Who, bool> Raising() => new()
    {
        { TicketStatus.InProgress, false, Who.Engineer, true },
        { TicketStatus.InProgress, false, Who.Lead, true },
        { TicketStatus.InProgress, false, Who.Bureau, false },
        { TicketStatus.InProgress, true, Who.Engineer, false },
        { TicketStatus.Rated, false, Who.Engineer, true },
        { TicketStatus.Closed, false, Who.Lead, false },
    };

    [Theory]
    [MemberData(nameof(Raising))]
    public void Raising_is_offered_to_staff_on_an_unclosed_ticket_without_an_open_escalation(TicketStatus status, bool openOne, Who who, bool expected) =>
        Assert.Equal(expected, Escalation.RaiseRefusal(ActorOf(who), status, openOne) is null);

    private static Actor ActorOf(Who who) => who switch
    {
        Who.Engineer => Engineer,
        Who.Lead => Lead,
        _ => Bureau,
    };
}
