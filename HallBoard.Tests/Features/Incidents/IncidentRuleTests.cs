using HallBoard.Domain;
using HallBoard.Features.Incidents;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>The major incident's own rules, without a database.</summary>
public sealed class IncidentRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Engineer = new("u1", "张伟", 1, 1);

    private static IncidentDraft Draft(DateTime? start = null) => new()
    {
        Title = "电子税务局无法登录",
        Channels = [Channel.ETaxWeb, Channel.SmartAreaPc, Channel.ETaxWeb],
        Business = "网上申报、发票开具",
        Description = "9:30 起全厅电子税务局登录超时",
        StartUtc = start ?? Now.AddMinutes(-30),
        EstimatedTaxpayers = 40,
    };

    private static MajorIncident Declared() => MajorIncident.Declare(1, Draft(), Engineer, Now);

    [Fact]
    public void Declaring_keeps_the_channels_once_each_and_opens_the_timeline()
    {
        var incident = Declared();

        Assert.True(incident.IsOpen);
        Assert.Equal([Channel.ETaxWeb, Channel.SmartAreaPc], incident.Channels);
        Assert.Equal(IncidentEntryKind.Declared, Assert.Single(incident.Entries).Kind);
        Assert.True(incident.CoversAnyOf([Channel.SmartAreaPc, Channel.Counter]));
        Assert.False(incident.CoversAnyOf([Channel.Counter]));
    }

    [Fact]
    public void A_full_life_links_acts_reports_and_closes_with_end_cause_and_measures()
    {
        var incident = Declared();

        incident.LinkTicket(5, "GX-20261127-0005", 1, Engineer, Now);
        incident.AddAction("重启前置机", Now.AddMinutes(-10), Engineer, Now);
        incident.RecordReport("主管税务机关运维部门", Now.AddMinutes(-5), "电话报告", Engineer, Now);
        incident.Close(Now, "前置机证书过期", "更新证书并重启服务", Engineer, Now.AddMinutes(1));
        incident.RecordReport("主管税务机关运维部门", Now.AddMinutes(2), "书面报告", Engineer, Now.AddMinutes(3));

        Assert.False(incident.IsOpen);
        Assert.Equal(Now, incident.EndUtc);
        Assert.Equal("前置机证书过期", incident.Cause);
        Assert.Equal("GX-20261127-0005", Assert.Single(incident.Tickets).TicketNumber);
        Assert.Equal(2, incident.Entries.Count(e => e.Kind == IncidentEntryKind.Reported));
        Assert.False(incident.CoversAnyOf([Channel.ETaxWeb]));
        Assert.Equal(40, MajorIncident.TaxpayersAffected(40, 1));
        Assert.Equal(55, MajorIncident.TaxpayersAffected(40, 55));
    }

    [Fact]
    public void Closing_twice_ending_before_the_start_or_in_the_future_is_refused()
    {
        var incident = Declared();

        Assert.Equal("结束时间不能早于开始时间。",
            Assert.Throws<IncidentRuleException>(() => incident.Close(Now.AddHours(-1), "原因", "措施", Engineer, Now)).Message);
        Assert.Equal("结束时间不能晚于当前时间。",
            Assert.Throws<IncidentRuleException>(() => incident.Close(Now.AddHours(1), "原因", "措施", Engineer, Now)).Message);
        Assert.Equal("请填写原因分析。",
            Assert.Throws<ValidationFailedException>(() => incident.Close(Now, "", "措施", Engineer, Now)).Message);
        Assert.True(incident.IsOpen);

        incident.Close(Now, "原因", "措施", Engineer, Now);
        var twice = Assert.Throws<IncidentRuleException>(() => incident.Close(Now, "原因", "措施", Engineer, Now));
        Assert.Equal("该重大事件已关闭，不能再次关闭。", twice.Message);
        Assert.Throws<IncidentRuleException>(() => incident.AddAction("关闭后处置", Now, Engineer, Now));
        Assert.Throws<IncidentRuleException>(() => incident.LinkTicket(9, "GX-20261127-0009", 1, Engineer, Now));
    }

    [Fact]
    public void A_ticket_of_another_hall_or_linked_twice_is_refused()
    {
        var incident = Declared();
        incident.LinkTicket(5, "GX-20261127-0005", 1, Engineer, Now);

        Assert.Equal("工单 XQ-20261127-0001 不属于本厅，不能关联。",
            Assert.Throws<IncidentRuleException>(() => incident.LinkTicket(6, "XQ-20261127-0001", 2, Engineer, Now)).Message);
        Assert.Equal("工单 GX-20261127-0005 已关联到该事件。",
            Assert.Throws<IncidentRuleException>(() => incident.LinkTicket(5, "GX-20261127-0005", 1, Engineer, Now)).Message);
        Assert.Single(incident.Tickets);
    }

    [Theory]
    [InlineData("", "请填写事件名称。")]
    [InlineData("<b>宕机</b>", "事件名称不能包含 HTML 标记或脚本。")]
    [InlineData("javascript:alert(1)", "事件名称不能包含 HTML 标记或脚本。")]
    public void A_bad_title_is_refused(string title, string message) =>
        Assert.Equal(message, Assert.Throws<ValidationFailedException>(() =>
            MajorIncident.Declare(1, Draft() with { Title = title }, Engineer, Now)).Message);

    [Fact]
    public void Declaring_without_channels_business_or_with_a_bad_start_or_count_is_refused()
    {
        Assert.Contains("渠道", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft() with { Channels = [] }, Engineer, Now)).Message);
        Assert.Equal("请填写受影响业务。", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft() with { Business = " " }, Engineer, Now)).Message);
        Assert.Contains("过长", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft() with { Title = new string('长', 101) }, Engineer, Now)).Message);
        Assert.Equal("开始时间不能晚于当前时间。", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft(Now.AddMinutes(5)), Engineer, Now)).Message);
        Assert.Contains("30 天", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft(Now.AddDays(-31)), Engineer, Now)).Message);
        Assert.Contains("纳税人数", Assert.Throws<ValidationFailedException>(() => MajorIncident.Declare(1, Draft() with { EstimatedTaxpayers = -1 }, Engineer, Now)).Message);
    }

    [Fact]
    public void Actions_and_reports_must_fall_between_the_start_and_now()
    {
        var incident = Declared();

        Assert.Equal("处置时间不能早于事件开始时间。",
            Assert.Throws<ValidationFailedException>(() => incident.AddAction("早于开始", Now.AddHours(-2), Engineer, Now)).Message);
        Assert.Equal("上报时间不能晚于当前时间。",
            Assert.Throws<ValidationFailedException>(() => incident.RecordReport("运维科", Now.AddHours(1), null, Engineer, Now)).Message);
        Assert.Equal("请填写上报对象。",
            Assert.Throws<ValidationFailedException>(() => incident.RecordReport("", Now, null, Engineer, Now)).Message);
        Assert.Single(incident.Entries);
    }
}
