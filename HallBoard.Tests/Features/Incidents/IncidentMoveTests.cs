using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Tests.Infrastructure;
using static HallBoard.Features.Incidents.IncidentMove;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>Which moves a major incident offers whom: staff work it while it is open, the lead closes it and, once the
/// written plan exists, closes the case; the bureau reads only.</summary>
public sealed class IncidentMoveTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Engineer = new("u1", "张伟", 1, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Lead = new("u9", "赵主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };
    private static readonly Actor Bureau = new("u-b", "市局运维科", null, 1) { Roles = new HashSet<string> { "Bureau" } };

    public enum Stage { Open, Closed, ClosedWithPlan, FinallyClosed }

    public enum Who { Engineer, Lead, Bureau }

    // Columns follow Who.
    private static readonly Dictionary<Stage, IncidentMove[][]> Expected = new()
    {
        [Stage.Open] = [[LinkTicket, AddAction, RecordReport], [LinkTicket, AddAction, RecordReport, Close], []],
        [Stage.Closed] = [[RecordReport], [RecordReport], []],
        [Stage.ClosedWithPlan] = [[RecordReport], [RecordReport, CloseFinally], []],
        [Stage.FinallyClosed] = [[RecordReport], [RecordReport], []],
    };

    public static TheoryData<Stage, Who> Cases() => EnumPairs.All<Stage, Who>();

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_incident_offers_each_actor_exactly_the_moves_of_its_state(Stage stage, Who who)
    {
        var incident = At(stage);
        var planExists = stage is Stage.ClosedWithPlan or Stage.FinallyClosed;

        Assert.Equal(Expected[stage][(int)who].ToHashSet(), incident.AllowedMoves(ActorOf(who), planExists).ToHashSet());
    }

    [Fact]
    public void Closing_the_case_without_a_plan_is_refused_with_the_message_the_lead_would_be_shown()
    {
        var incident = At(Stage.Closed);

        var thrown = Assert.Throws<IncidentRuleException>(() => incident.CloseFinally(false, Lead, Now.AddHours(2)));

        Assert.Equal(incident.RefusalOf(CloseFinally, Lead, planExists: false)!.Message, thrown.Message);
        Assert.Null(incident.FinalClosedUtc);
    }

    private static MajorIncident At(Stage stage)
    {
        var incident = MajorIncident.Declare(1, new IncidentDraft
        {
            Title = "电子税务局无法登录", Channels = [Channel.ETaxWeb], Business = "网上申报",
            Description = "登录超时", StartUtc = Now.AddMinutes(-30), EstimatedTaxpayers = 40,
        }, Engineer, Now);
        if (stage == Stage.Open) return incident;
        incident.Close(Now, "前置机证书过期", "更新证书并重启服务", Lead, Now.AddMinutes(1));
        if (stage == Stage.FinallyClosed) incident.CloseFinally(true, Lead, Now.AddMinutes(2));
        return incident;
    }

    private static Actor ActorOf(Who who) => who switch
    {
        Who.Engineer => Engineer,
        Who.Lead => Lead,
        _ => Bureau,
    };
}
