using HallBoard.Domain;
using HallBoard.Features.Escalations;

namespace HallBoard.Tests.Features.Escalations;

/// <summary>The escalation's own rules and the ticket's timeline hook, without a database.</summary>
public sealed class EscalationRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Engineer = new("u1", "张伟", 1, 1);
    private static readonly Actor Lead = new("u9", "刘主任", null, 1) { Roles = new HashSet<string> { "HallLead" } };

    private static Escalation Raise(string? reason = "电子税务局申报模块报错，需要税务机关处理", DateTime? due = null,
        EscalationTarget target = EscalationTarget.OpsAuthority, string? recipient = "运维科") =>
        Escalation.Raise(1, 7, "GX-20261127-0007", target, recipient, reason, due ?? Now.AddHours(4), Engineer, Now);

    [Fact]
    public void A_raised_escalation_is_open_until_answered_and_overdue_only_after_its_deadline()
    {
        var e = Raise();

        Assert.True(e.IsOpen);
        Assert.Equal("主管税务机关运维部门", e.TargetLabel);
        Assert.False(e.IsOverdue(Now.AddHours(4)));
        Assert.True(e.IsOverdue(Now.AddHours(4).AddMinutes(1)));
        Assert.Equal("5小时0分", Escalation.FormatAge(e.Age(Now.AddHours(5))));

        e.AnswerWith("已联系省局修复，请纳税人稍后重试", Lead, Now.AddHours(5));

        Assert.False(e.IsOpen);
        Assert.False(e.IsOverdue(Now.AddDays(3)));
        Assert.Equal("刘主任", e.AnsweredByName);
        Assert.Equal(TimeSpan.FromHours(5), e.Age(Now.AddDays(3)));
    }

    [Fact]
    public void Answering_an_answered_escalation_is_refused_and_keeps_the_first_answer()
    {
        var e = Raise();
        e.AnswerWith("第一次答复", Lead, Now.AddHours(1));

        var ex = Assert.Throws<EscalationRuleException>(() => e.AnswerWith("第二次答复", Lead, Now.AddHours(2)));

        Assert.Equal("该升级已答复，不能再次答复。", ex.Message);
        Assert.Equal("第一次答复", e.Answer);
    }

    [Theory]
    [InlineData(null, "请填写升级原因。")]
    [InlineData("   ", "请填写升级原因。")]
    [InlineData("<script>alert(1)</script>", "升级原因不能包含 HTML 标记或脚本。")]
    public void A_reason_that_is_empty_or_markup_is_refused(string? reason, string message)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => Raise(reason));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Oversize_text_and_deadlines_outside_ten_minutes_to_thirty_days_are_refused()
    {
        Assert.Equal("升级原因过长（最多 500 字）。", Assert.Throws<ValidationFailedException>(() => Raise(new string('长', 501))).Message);
        Assert.Contains("接收人过长", Assert.Throws<ValidationFailedException>(() => Raise(recipient: new string('人', 51))).Message);
        Assert.Contains("至少 10 分钟", Assert.Throws<ValidationFailedException>(() => Raise(due: Now.AddMinutes(-5))).Message);
        Assert.Contains("不能超过 30 天", Assert.Throws<ValidationFailedException>(() => Raise(due: Now.AddDays(31))).Message);
        Assert.Contains("升级对象", Assert.Throws<ValidationFailedException>(() => Raise(target: (EscalationTarget)9)).Message);
    }

    [Fact]
    public void An_answer_that_is_empty_or_markup_is_refused_and_the_escalation_stays_open()
    {
        var e = Raise();

        Assert.Equal("请填写答复内容。", Assert.Throws<ValidationFailedException>(() => e.AnswerWith(" ", Lead, Now)).Message);
        Assert.Contains("HTML", Assert.Throws<ValidationFailedException>(() => e.AnswerWith("<img src=x>", Lead, Now)).Message);
        Assert.True(e.IsOpen);
    }

    [Fact]
    public void The_ticket_records_escalation_steps_on_its_timeline_without_moving_and_refuses_escalating_a_closed_ticket()
    {
        var ticket = Ticket.Open(1, "GX-20261127-0007", new TicketDraft
        {
            TaxpayerName = "王五", Channel = Channel.ETaxWeb, Category = Category.Filing, Kind = TicketKind.Fault, Description = "申报报错",
        }, new SlaTarget(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)), Engineer, Now);
        var version = ticket.Version;

        ticket.Note(TicketEventKind.Escalated, "升级至办税服务厅负责人：需协调", Engineer, Now);

        Assert.Equal(TicketStatus.Waiting, ticket.Status);
        Assert.Equal(version + 1, ticket.Version);
        Assert.Equal(TicketEventKind.Escalated, ticket.Events[^1].Kind);
        Assert.Throws<TicketRuleException>(() => ticket.Note(TicketEventKind.Resolved, "不是旁注", Engineer, Now));

        var engineer = new Engineer { Id = 1, HallId = 1, Name = "张伟", EmployeeNo = "E01" };
        ticket.Take(engineer, Engineer, Now);
        ticket.Resolve("已处理", Engineer, Now);
        ticket.FollowUp(FollowUpOutcome.NotReached, null, Engineer, Now);
        ticket.Close(CloseReason.Unreachable, "多次联系不上", Engineer, Now);
        var refused = Assert.Throws<TicketRuleException>(() => ticket.Note(TicketEventKind.Escalated, "再升级", Engineer, Now));
        Assert.Equal("工单当前状态为“已关闭”，不能升级。", refused.Message);
        // The answer to an earlier escalation still joins the closed ticket's timeline.
        ticket.Note(TicketEventKind.EscalationAnswered, "主管部门答复：已修复", Lead, Now);
        Assert.Equal(TicketEventKind.EscalationAnswered, ticket.Events[^1].Kind);
    }
}
