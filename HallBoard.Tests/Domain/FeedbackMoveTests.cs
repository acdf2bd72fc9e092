using HallBoard.Domain;
using static HallBoard.Domain.FeedbackMove;

namespace HallBoard.Tests.Domain;

/// <summary>Which step of a feedback is offered whom: the lead and above take the one step out of the current status;
/// an engineer records feedback but moves none.</summary>
public sealed class FeedbackMoveTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly FeedbackDeadlines Due = new(TimeSpan.FromHours(24), TimeSpan.FromDays(2), TimeSpan.FromDays(5), TimeSpan.FromDays(7));
    private static readonly Actor Engineer = new("u-zhang", "张伟", 1, 1) { Roles = new HashSet<string> { "Engineer" } };
    private static readonly Actor Lead = new("u-lead", "赵主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };
    private static readonly Actor Manager = new("u-mgr", "孙经理", null, 1) { Roles = new HashSet<string> { "Manager" } };

    public static TheoryData<FeedbackStatus, FeedbackMove[]> LeadMoves() => new()
    {
        { FeedbackStatus.Received, [Report] },
        { FeedbackStatus.Reported, [StartHandling] },
        { FeedbackStatus.InHandling, [Reply] },
        { FeedbackStatus.Replied, [Close] },
        { FeedbackStatus.Closed, [] },
    };

    [Theory]
    [MemberData(nameof(LeadMoves))]
    public void The_lead_and_the_manager_are_offered_the_one_step_out_of_the_status_and_an_engineer_none(FeedbackStatus status, FeedbackMove[] expected)
    {
        var feedback = At(status);

        Assert.Equal(expected.ToHashSet(), feedback.AllowedMoves(Lead).ToHashSet());
        Assert.Equal(expected.ToHashSet(), feedback.AllowedMoves(Manager).ToHashSet());
        Assert.Empty(feedback.AllowedMoves(Engineer));
        Assert.Equal(expected.Cast<FeedbackMove?>().FirstOrDefault(), feedback.NextMove);
    }

    [Fact]
    public void An_engineer_moving_feedback_on_is_refused_as_forbidden_and_nothing_changes()
    {
        var feedback = At(FeedbackStatus.Received);

        var refused = Assert.Throws<ForbiddenException>(() => feedback.Advance(null, Engineer, T0.AddHours(1)));

        Assert.Equal(feedback.Refusal(Report, Engineer), refused.Message);
        Assert.Equal(FeedbackStatus.Received, feedback.Status);
    }

    [Fact]
    public void A_step_out_of_turn_is_refused_with_the_message_the_step_throws()
    {
        var feedback = At(FeedbackStatus.Reported);

        var refused = Assert.Throws<FeedbackRuleException>(() => feedback.ReplyWith("已处理", Lead, T0.AddHours(1)));

        Assert.Equal("该意见当前状态为“已报送”，不能答复。", refused.Message);
        Assert.Equal(refused.Message, feedback.Refusal(Reply, Lead));
    }

    private static TaxpayerFeedback At(FeedbackStatus status)
    {
        var f = TaxpayerFeedback.Receive(1, "YJ-20260302-000001", new FeedbackDraft { Kind = FeedbackKind.Complaint, Content = "等候时间太长" },
            null, Due, Actor.Taxpayer, T0);
        var at = T0;
        while (f.Status != status) f.Advance(f.Status == FeedbackStatus.InHandling ? "已致电说明" : null, Lead, at = at.AddMinutes(10));
        return f;
    }
}
