using HallBoard.Domain;
using HallBoard.Tests.Infrastructure;
using static HallBoard.Domain.TicketMove;

namespace HallBoard.Tests.Domain;

/// <summary>Which moves a ticket offers whom, state by state: the one rule the pages draw buttons from and the moves
/// and commands refuse with.</summary>
public sealed class TicketMoveTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly SlaTarget Sla = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
    private static readonly Engineer Zhang = new() { Id = 1, HallId = 1, Name = "张伟", EmployeeNo = "E01" };
    private static readonly Actor Owner = new("u-zhang", "张伟", Zhang.Id, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Colleague = new("u-wang", "王芳", 2, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Lead = new("u-lead", "赵主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };

    public enum Stage { Waiting, InProgress, Paused, Resolved, RatedPoorlyBeforeCallBack, Rated, Closed }

    public enum Who { Owner, Colleague, Lead }

    // Columns follow Who: the engineer who took the ticket, another engineer of the hall, the hall lead (no engineer).
    private static readonly Dictionary<Stage, TicketMove[][]> Expected = new()
    {
        [Stage.Waiting] = [[Take], [Take], [Take]],
        [Stage.InProgress] = [[HandOver, Resolve, WaitOnTaxpayer], [], [HandOver, Resolve, WaitOnTaxpayer]],
        [Stage.Paused] = [[HandOver, Resume], [], [HandOver, Resume]],
        [Stage.Resolved] = [[FollowUp, Rate, Reopen, CloseUnfinished], [FollowUp, Rate, Reopen, CloseUnfinished], [FollowUp, Rate, Reopen, CloseUnfinished]],
        // A poor rating owes a call-back before any close, and only the lead undoes a rated service.
        [Stage.RatedPoorlyBeforeCallBack] = [[FollowUp], [FollowUp], [FollowUp, Reopen]],
        [Stage.Rated] = [[Close, CloseUnfinished], [Close, CloseUnfinished], [Reopen, Close, CloseUnfinished]],
        [Stage.Closed] = [[], [], []],
    };

    public static TheoryData<Stage, Who> Cases() => EnumPairs.All<Stage, Who>();

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_ticket_offers_each_actor_exactly_the_moves_of_its_state(Stage stage, Who who)
    {
        var ticket = TicketAt(stage);

        Assert.Equal(Expected[stage][(int)who].ToHashSet(), ticket.AllowedMoves(ActorOf(who)).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_move_left_out_is_refused_with_the_message_the_move_itself_throws(Stage stage, Who who)
    {
        var actor = ActorOf(who);
        foreach (var move in Enum.GetValues<TicketMove>().Except(Expected[stage][(int)who]))
        {
            var ticket = TicketAt(stage);
            var refusal = ticket.Refusal(move, actor);
            Assert.False(string.IsNullOrEmpty(refusal));
            var thrown = Assert.IsAssignableFrom<HallBoardException>(Record.Exception(() => Apply(ticket, move, actor)));
            Assert.Equal(refusal, thrown.Message);
        }
    }

    [Fact]
    public void An_engineer_reopening_a_rated_ticket_is_refused_as_forbidden_and_the_ticket_stays_rated()
    {
        var ticket = TicketAt(Stage.Rated);

        var refused = Assert.Throws<ForbiddenException>(() => ticket.Reopen("纳税人再次来电", Owner, T0.AddHours(6)));

        Assert.Equal("已评价的工单只能由办税服务厅负责人或以上角色重新打开。", refused.Message);
        Assert.Equal(TicketStatus.Rated, ticket.Status);
    }

    private static Actor ActorOf(Who who) => who switch
    {
        Who.Owner => Owner,
        Who.Colleague => Colleague,
        _ => Lead,
    };

    private static void Apply(Ticket t, TicketMove move, Actor by)
    {
        var at = T0.AddHours(6);
        var wang = new Engineer { Id = 2, HallId = 1, Name = "王芳", EmployeeNo = "E02" };
        switch (move)
        {
            case Take: t.Take(Zhang, by, at); break;
            case HandOver: t.HandOver(wang, "下班交接", by, at); break;
            case Resolve: t.Resolve("重新实名认证", by, at); break;
            case WaitOnTaxpayer: t.WaitOnTaxpayer("补交材料", by, at); break;
            case Resume: t.Resume(by, at); break;
            case FollowUp: t.FollowUp(FollowUpOutcome.Reached, null, by, at); break;
            case Rate: t.Rate(SatisfactionLevel.Satisfied, null, RatingSource.CallBack, by, at); break;
            case Reopen: t.Reopen("纳税人再次来电", by, at); break;
            case Close: t.Close(CloseReason.Completed, null, by, at); break;
            case CloseUnfinished: t.Close(CloseReason.Declined, "纳税人不愿评价", by, at); break;
        }
    }

    private static Ticket TicketAt(Stage stage)
    {
        var draft = new TicketDraft
        {
            TaxpayerName = "张三", Channel = Channel.ETaxWeb, Category = Category.LoginIdentity,
            Kind = TicketKind.Fault, Priority = Priority.Normal, Description = "无法登录电子税务局",
        };
        var t = Ticket.Open(1, "GX-20260302-0001", draft, Sla, Owner, T0);
        if (stage == Stage.Waiting) return t;
        t.Take(Zhang, Owner, T0.AddMinutes(1));
        if (stage == Stage.InProgress) return t;
        if (stage == Stage.Paused)
        {
            t.WaitOnTaxpayer("补交营业执照复印件", Owner, T0.AddMinutes(2));
            return t;
        }
        t.Resolve("重置密码", Owner, T0.AddMinutes(3));
        switch (stage)
        {
            case Stage.Resolved:
                return t;
            case Stage.RatedPoorlyBeforeCallBack:
                t.Rate(SatisfactionLevel.Dissatisfied, "等太久", RatingSource.HandedTablet, Actor.Taxpayer, T0.AddMinutes(4));
                return t;
        }
        t.FollowUp(FollowUpOutcome.Reached, null, Owner, T0.AddMinutes(5));
        t.Rate(SatisfactionLevel.Satisfied, null, RatingSource.CallBack, Owner, T0.AddMinutes(6));
        if (stage == Stage.Closed) t.Close(CloseReason.Completed, null, Owner, T0.AddMinutes(7));
        return t;
    }
}
