using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using static HallBoard.Features.Problems.ProblemMove;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>Which moves a difficult problem offers whom, state by state: staff work it, the bureau only discusses.</summary>
public sealed class ProblemMoveTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Engineer = new("u1", "张伟", 1, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Bureau = new("u-b", "市局运维科", null, 1) { Roles = new HashSet<string> { "Bureau" } };
    private static readonly Actor Display = new("u-w", "大屏", null, 1) { Roles = new HashSet<string> { "Display" } };

    public enum Stage { Open, Analysing, WorkaroundKnown, Resolved, Drafted, Duplicate }

    private static readonly Dictionary<Stage, ProblemMove[]> StaffMoves = new()
    {
        [Stage.Open] = [StartAnalysis, RecordWorkaround, Resolve, SubmitToBureau, CloseAsDuplicate, Discuss, LinkTicket],
        [Stage.Analysing] = [RecordWorkaround, Resolve, SubmitToBureau, CloseAsDuplicate, Discuss, LinkTicket],
        [Stage.WorkaroundKnown] = [RecordWorkaround, Resolve, SubmitToBureau, CloseAsDuplicate, Discuss, LinkTicket],
        [Stage.Resolved] = [Discuss, LinkTicket, DraftArticle],
        [Stage.Drafted] = [Discuss, LinkTicket],
        [Stage.Duplicate] = [],
    };

    public static TheoryData<Stage> Stages()
    {
        var data = new TheoryData<Stage>();
        foreach (var stage in Enum.GetValues<Stage>()) data.Add(stage);
        return data;
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void Staff_are_offered_the_moves_of_the_state_the_bureau_only_the_discussion_and_a_wall_nothing(Stage stage)
    {
        var problem = At(stage);

        Assert.Equal(StaffMoves[stage].ToHashSet(), problem.AllowedMoves(Engineer).ToHashSet());
        Assert.Equal(StaffMoves[stage].Intersect([Discuss]).ToHashSet(), problem.AllowedMoves(Bureau).ToHashSet());
        Assert.Empty(problem.AllowedMoves(Display));
    }

    [Fact]
    public void A_move_the_state_leaves_out_is_refused_with_the_message_the_move_throws()
    {
        var problem = At(Stage.Resolved);

        var thrown = Assert.Throws<KnowledgeRuleException>(() => problem.Resolve("再次解决", T0.AddDays(2)));

        Assert.Equal(problem.RefusalOf(Resolve, Engineer)!.Message, thrown.Message);
        Assert.IsType<ForbiddenException>(problem.RefusalOf(Resolve, Bureau));
    }

    private static Problem At(Stage stage)
    {
        var p = Problem.Open(1, "发票开具时提示“签名服务器连接失败”", "多位纳税人下午集中反映", Category.Invoice, Engineer, T0);
        switch (stage)
        {
            case Stage.Analysing: p.StartAnalysis(T0.AddHours(1)); break;
            case Stage.WorkaroundKnown: p.RecordWorkaround("改用自助终端开具", T0.AddHours(1)); break;
            case Stage.Resolved: p.Resolve("税务局更换签名服务器证书", T0.AddHours(1)); break;
            case Stage.Drafted:
                p.Resolve("税务局更换签名服务器证书", T0.AddHours(1));
                p.DraftedAs(42, T0.AddHours(2));
                break;
            case Stage.Duplicate:
                var original = Problem.Open(1, "签名服务器故障", "同一原因", Category.Invoice, Engineer, T0);
                typeof(Problem).GetProperty(nameof(Problem.Id))!.SetValue(original, 99);
                p.CloseAsDuplicateOf(original, T0.AddHours(1));
                break;
        }
        return p;
    }
}
