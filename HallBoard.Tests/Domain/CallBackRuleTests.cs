using HallBoard.Domain;

namespace HallBoard.Tests.Domain;

/// <summary>A complaint or a 不满意 / 非常不满意 rating owes the taxpayer a call-back: the ticket cannot close until one is recorded.</summary>
public sealed class CallBackRuleTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly SlaTarget Sla = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
    private static readonly Engineer Zhang = new() { Id = 1, HallId = 1, Name = "张伟", EmployeeNo = "E01" };
    private static readonly Actor AsZhang = new("u-zhang", "张伟", Zhang.Id, 1);

    private static Ticket Resolved(bool guided = false, bool? succeeded = null)
    {
        var t = Ticket.Open(1, "GX-20260302-0001", new TicketDraft
        {
            TaxpayerName = "张三", Description = "发票开具失败", GuidedOnline = guided, GuidanceSucceeded = succeeded,
        }, Sla, AsZhang, T0);
        t.Take(Zhang, AsZhang, T0);
        t.Resolve("重新开具成功", AsZhang, T0.AddMinutes(10));
        return t;
    }

    [Theory]
    [InlineData(SatisfactionLevel.Dissatisfied)]
    [InlineData(SatisfactionLevel.VeryDissatisfied)]
    public void A_poor_rating_after_the_call_back_blocks_closing_until_another_call_back(SatisfactionLevel level)
    {
        var t = Resolved();
        t.FollowUp(FollowUpOutcome.Reached, null, AsZhang, T0.AddHours(1));
        t.Rate(level, "态度不好", RatingSource.OwnPhone, Actor.Taxpayer, T0.AddHours(2));
        Assert.Equal(TicketStatus.Rated, t.Status);
        Assert.Equal(T0.AddHours(2), t.CallBackRequiredUtc);

        var refused = Assert.Throws<TicketRuleException>(() => t.Close(CloseReason.Completed, null, AsZhang, T0.AddHours(3)));
        Assert.Equal(TicketRule.NotReadyToClose, refused.Rule);
        Assert.Equal("该工单收到投诉或不满意评价，须先记录一次回访才能关闭。", refused.Message);
        Assert.Throws<TicketRuleException>(() => t.Close(CloseReason.Declined, "纳税人拒绝", AsZhang, T0.AddHours(3)));

        t.FollowUp(FollowUpOutcome.Reached, "已致歉并说明处理情况", AsZhang, T0.AddHours(4));
        Assert.Null(t.CallBackRequiredUtc);
        Assert.Equal(TicketStatus.Rated, t.Status);
        t.Close(CloseReason.Completed, null, AsZhang, T0.AddHours(5));
        Assert.Equal(TicketStatus.Closed, t.Status);
    }

    [Fact]
    public void A_good_rating_owes_nothing_and_a_rated_ticket_takes_no_further_call_back()
    {
        var t = Resolved();
        t.FollowUp(FollowUpOutcome.Reached, null, AsZhang, T0.AddHours(1));
        t.Rate(SatisfactionLevel.Basic, null, RatingSource.OwnPhone, Actor.Taxpayer, T0.AddHours(2));
        Assert.Null(t.CallBackRequiredUtc);
        Assert.Throws<TicketRuleException>(() => t.FollowUp(FollowUpOutcome.Reached, null, AsZhang, T0.AddHours(3)));
        t.Close(CloseReason.Completed, null, AsZhang, T0.AddHours(3));
        Assert.Equal(TicketStatus.Closed, t.Status);
    }

    [Fact]
    public void A_complaint_flags_the_ticket_and_a_call_back_recorded_after_it_clears_the_flag()
    {
        var t = Resolved();
        t.FollowUp(FollowUpOutcome.Reached, null, AsZhang, T0.AddHours(1));
        t.Rate(SatisfactionLevel.Satisfied, null, RatingSource.OwnPhone, Actor.Taxpayer, T0.AddHours(1));

        t.NoteFeedback("投诉 YJ-20260302-000001", complaint: true, Actor.Taxpayer, T0.AddHours(2));
        Assert.Equal(T0.AddHours(2), t.CallBackRequiredUtc);
        Assert.Equal(TicketEventKind.FeedbackReceived, t.Events[^1].Kind);
        Assert.Throws<TicketRuleException>(() => t.Close(CloseReason.Completed, null, AsZhang, T0.AddHours(3)));

        // Could not reach the taxpayer: that is a recorded call-back too, and the ticket may close.
        t.FollowUp(FollowUpOutcome.NotReached, "电话无人接听", AsZhang, T0.AddHours(3));
        Assert.Null(t.CallBackRequiredUtc);
        t.Close(CloseReason.Completed, null, AsZhang, T0.AddHours(4));
        Assert.Equal(TicketStatus.Closed, t.Status);
    }

    [Fact]
    public void An_opinion_only_leaves_a_trace_and_a_complaint_on_a_closed_ticket_does_not_reopen_it()
    {
        var t = Resolved();
        t.NoteFeedback("建议 YJ-1", complaint: false, Actor.Taxpayer, T0.AddHours(1));
        Assert.Null(t.CallBackRequiredUtc);
        t.Close(CloseReason.Declined, "纳税人不愿评价", AsZhang, T0.AddHours(2));
        t.NoteFeedback("投诉 YJ-2", complaint: true, Actor.Taxpayer, T0.AddHours(3));
        Assert.Null(t.CallBackRequiredUtc);
        Assert.Equal(TicketStatus.Closed, t.Status);
        Assert.Equal(2, t.Events.Count(e => e.Kind == TicketEventKind.FeedbackReceived));
    }

    [Fact]
    public void The_guidance_outcome_is_recorded_once_and_only_on_a_guided_ticket()
    {
        var guided = Resolved(guided: true);
        Assert.Null(guided.GuidanceSucceeded);
        guided.RecordGuidanceOutcome(true, AsZhang, T0.AddHours(1));
        Assert.True(guided.GuidanceSucceeded);
        Assert.Equal("线上引导办理：成功", guided.Events[^1].Note);
        Assert.Equal("引导结果已记录，不能重复记录。",
            Assert.Throws<TicketRuleException>(() => guided.RecordGuidanceOutcome(false, AsZhang, T0.AddHours(2))).Message);

        var notGuided = Resolved();
        Assert.Equal("该工单未引导线上办理，不能记录引导结果。",
            Assert.Throws<TicketRuleException>(() => notGuided.RecordGuidanceOutcome(true, AsZhang, T0)).Message);
        Assert.Null(notGuided.GuidanceSucceeded);
    }

    [Fact]
    public void A_guidance_item_needs_guidance_and_the_list_takes_online_channels_only()
    {
        var ex = Assert.Throws<ValidationFailedException>(() =>
            new TicketDraft { TaxpayerName = "张三", Description = "申报", GuidanceItemId = 3 }.Validated());
        Assert.Equal("未引导线上办理时不能选择引导事项。", ex.Errors["guidanceItemId"].Single());

        Assert.True(Assert.Throws<ValidationFailedException>(() =>
            GuidanceItem.Create(1, "发票代开", Category.Invoice, Channel.Counter)).Errors.ContainsKey("channel"));
        Assert.Equal("请填写业务事项名称。", Assert.Throws<ValidationFailedException>(() =>
            GuidanceItem.Create(1, " ", Category.Invoice, Channel.ETaxWeb)).Errors["name"].Single());
        Assert.True(Assert.Throws<ValidationFailedException>(() =>
            GuidanceItem.Create(1, "<b>发票</b>", Category.Invoice, Channel.ETaxWeb)).Errors.ContainsKey("name"));
        var item = GuidanceItem.Create(1, " 发票代开 ", Category.Invoice, Channel.SelfServiceTerminal);
        Assert.Equal("发票代开", item.Name);
    }
}
