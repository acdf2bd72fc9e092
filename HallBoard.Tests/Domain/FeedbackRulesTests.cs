using HallBoard.Domain;

namespace HallBoard.Tests.Domain;

/// <summary>Taxpayer feedback: 收到 → 已报送 → 处理中 → 已答复 → 已办结 with due dates, and what a taxpayer may write.</summary>
public sealed class FeedbackRulesTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly FeedbackDeadlines Due = new(TimeSpan.FromHours(24), TimeSpan.FromDays(2), TimeSpan.FromDays(5), TimeSpan.FromDays(7));
    private static readonly Actor Lead = new("u-lead", "赵主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };

    private static TaxpayerFeedback Received(FeedbackKind kind = FeedbackKind.Complaint) =>
        TaxpayerFeedback.Receive(1, "YJ-20260302-000001", new FeedbackDraft { Kind = kind, Content = "等候时间太长" }, null, Due, Actor.Taxpayer, T0);

    [Fact]
    public void Feedback_walks_its_states_in_order_each_with_its_due_date()
    {
        var f = Received();
        Assert.Equal(FeedbackStatus.Received, f.Status);
        Assert.Equal(T0.AddHours(24), f.DueUtc);
        Assert.True(f.AlertsLead);

        f.ReportToBureau("已报送运维主管部门", Lead, T0.AddHours(1));
        Assert.Equal(FeedbackStatus.Reported, f.Status);
        Assert.Equal(T0.AddDays(2), f.DueUtc);

        f.StartHandling(null, Lead, T0.AddHours(2));
        Assert.Equal(T0.AddDays(5), f.DueUtc);

        f.ReplyWith("已增加窗口人员，感谢您的意见", Lead, T0.AddDays(1));
        Assert.Equal(FeedbackStatus.Replied, f.Status);
        Assert.Equal("已增加窗口人员，感谢您的意见", f.Reply);
        Assert.Equal(T0.AddDays(7), f.DueUtc);

        f.Close(null, Lead, T0.AddDays(2));
        Assert.Equal(FeedbackStatus.Closed, f.Status);
        Assert.Null(f.DueUtc);
        Assert.False(f.IsOverdue(T0.AddYears(1)));
        Assert.Equal([FeedbackStatus.Received, FeedbackStatus.Reported, FeedbackStatus.InHandling, FeedbackStatus.Replied, FeedbackStatus.Closed],
            f.Events.Select(e => e.ToStatus));
        Assert.Equal(5, f.Version);
    }

    [Fact]
    public void A_step_past_its_due_date_is_overdue()
    {
        var f = Received(FeedbackKind.Suggestion);
        Assert.False(f.IsOverdue(T0.AddHours(23)));
        Assert.True(f.IsOverdue(T0.AddHours(25)));
        f.ReportToBureau(null, Lead, T0.AddHours(25));
        Assert.False(f.IsOverdue(T0.AddHours(26)));
        Assert.True(f.IsOverdue(T0.AddDays(3)));
        Assert.False(f.AlertsLead);
    }

    [Fact]
    public void Skipping_a_state_or_moving_a_closed_feedback_is_refused_in_chinese()
    {
        var f = Received();
        var skip = Assert.Throws<FeedbackRuleException>(() => f.ReplyWith("答复", Lead, T0));
        Assert.Equal("该意见当前状态为“已收到”，不能答复。", skip.Message);
        Assert.Throws<FeedbackRuleException>(() => f.Close(null, Lead, T0));
        Assert.Throws<FeedbackRuleException>(() => f.StartHandling(null, Lead, T0));
        Assert.Equal(FeedbackStatus.Received, f.Status);

        f.Advance(null, Lead, T0);
        f.Advance(null, Lead, T0);
        var noReply = Assert.Throws<FeedbackRuleException>(() => f.Advance("  ", Lead, T0));
        Assert.Equal("请填写答复内容。", noReply.Message);
        Assert.Equal(FeedbackStatus.InHandling, f.Status);
        f.Advance("已答复", Lead, T0);
        f.Advance(null, Lead, T0);
        Assert.Equal("该意见已办结，不能再变更。", Assert.Throws<FeedbackRuleException>(() => f.Advance(null, Lead, T0)).Message);
        Assert.Throws<FeedbackRuleException>(() => f.ReportToBureau(null, Lead, T0));
    }

    [Fact]
    public void Reply_with_markup_or_over_length_is_refused()
    {
        var f = Received();
        f.ReportToBureau(null, Lead, T0);
        f.StartHandling(null, Lead, T0);
        Assert.Contains("不能包含 HTML 标记或脚本", Assert.Throws<FeedbackRuleException>(() => f.ReplyWith("<b>好</b>", Lead, T0)).Message);
        Assert.Contains("最多 500 字", Assert.Throws<FeedbackRuleException>(() => f.ReplyWith(new string('答', 501), Lead, T0)).Message);
        Assert.Equal(FeedbackStatus.InHandling, f.Status);
        Assert.Null(f.Reply);
    }

    [Theory]
    [InlineData("", null, "content", "请填写意见内容。")]
    [InlineData("   ", null, "content", "请填写意见内容。")]
    [InlineData("<script>alert(1)</script>", null, "content", "意见内容不能包含 HTML 标记或脚本。")]
    [InlineData("点击 javascript:alert(1)", null, "content", "意见内容不能包含 HTML 标记或脚本。")]
    [InlineData("窗口排队太久", "电话138abc", "contactPhone", "联系电话包含非法字符")]
    public void A_draft_with_bad_input_is_refused_per_field(string content, string? phone, string field, string? message)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => new FeedbackDraft { Content = content, ContactPhone = phone }.Validated());
        Assert.True(ex.Errors.ContainsKey(field));
        if (message is not null) Assert.Equal(message, ex.Errors[field].Single());
    }

    [Fact]
    public void Oversize_text_and_unknown_kinds_are_refused_and_anonymous_feedback_is_fine()
    {
        var tooLong = Assert.Throws<ValidationFailedException>(() => new FeedbackDraft { Content = new string('长', 1001) }.Validated());
        Assert.Equal("意见内容最多 1000 字。", tooLong.Errors["content"].Single());
        Assert.True(Assert.Throws<ValidationFailedException>(() =>
            new FeedbackDraft { Kind = (FeedbackKind)9, Content = "好" }.Validated()).Errors.ContainsKey("kind"));
        Assert.True(Assert.Throws<ValidationFailedException>(() =>
            new FeedbackDraft { Content = "好", ContactName = "<img src=x>" }.Validated()).Errors.ContainsKey("contactName"));

        var anonymous = new FeedbackDraft { Content = "  希望增加自助终端  ", ContactName = " ", ContactPhone = "" }.Validated();
        Assert.Equal("希望增加自助终端", anonymous.Content);
        Assert.Null(anonymous.ContactName);
        Assert.Null(anonymous.ContactPhone);
        Assert.Equal("13800138000", new FeedbackDraft { Content = "好", ContactPhone = "138 0013 8000" }.Validated().ContactPhone);
    }
}
