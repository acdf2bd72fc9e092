using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.ServiceReports;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>Every figure of the reports against the hand-counted <see cref="ReportsApp.KnownAsync"/> data.</summary>
public sealed class ReportFiguresTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task The_march_report_counts_the_five_tickets_logged_in_march_hall_time()
    {
        var known = await app.KnownAsync();

        var report = await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 3);
        var f = report.Figures;

        // T7 (28 Feb 23:50) and T6 (1 Apr 00:10, still 31 March in UTC) are outside.
        Assert.Equal(5, f.Total);
        Assert.Equal(1, f.Closed);
        Assert.Equal(4, f.Open);
        Assert.Equal([("电子税务局", 1), ("手机APP", 1), ("自助办税终端", 1), ("智慧办税区电脑", 0), ("12366热线", 0), ("窗口", 2), ("其他", 0)],
            f.ByChannel.Select(r => (r.Label, r.Count)));
        Assert.Equal(3, f.ByCategory.Single(r => r.Label == "发票").Count);
        Assert.Equal("60.0%", f.ByCategory.Single(r => r.Label == "发票").Share.Percent);
        Assert.Equal(2, f.ByCategory.Single(r => r.Label == "申报").Count);
        Assert.Equal([("咨询", 1), ("故障", 2), ("引导", 1), ("投诉", 1), ("建议", 0)], f.ByKind.Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public async Task March_sla_satisfaction_call_back_and_guidance_are_the_hand_counted_shares()
    {
        var known = await app.KnownAsync();

        var f = (await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 3)).Figures;

        // Response: T1 09:05 ≤ 09:10, T3 14:02 ≤ 14:10, T4 09:03 ≤ 09:05 met; T2 10:20 > 10:10 and T5 never taken missed.
        Assert.Equal((3, 5, "60.0%"), (f.Response.Count, f.Response.Of, f.Response.Percent));
        Assert.Equal(0, f.ResponsePending);
        // Resolve: T1 and T2 in time; T3 17:00 > 16:00, T4 and T5 unresolved long past due.
        Assert.Equal((2, 5, "40.0%"), (f.Resolve.Count, f.Resolve.Of, f.Resolve.Percent));
        Assert.Equal([("非常满意", 1), ("满意", 1), ("基本满意", 1), ("不满意", 0), ("非常不满意", 0)], f.Ratings.Select(r => (r.Label, r.Count)));
        Assert.Equal((2, 3, "66.7%"), (f.Satisfaction.Count, f.Satisfaction.Of, f.Satisfaction.Percent));
        // Call-back reached for T1 and T2 of the three resolved; T3's call was not answered.
        Assert.Equal((2, 3, "66.7%"), (f.CallBack.Count, f.CallBack.Of, f.CallBack.Percent));
        Assert.Equal(2, f.Guided);
        Assert.Equal((1, 2, "50.0%"), (f.Guidance.Count, f.Guidance.Of, f.Guidance.Percent));
    }

    [Fact]
    public async Task March_top_problems_trainings_improvements_and_major_incidents()
    {
        var known = await app.KnownAsync();

        var report = await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 3);

        Assert.Equal([("发票", 3), ("申报", 2)], report.MainProblems.ByCategory.Select(r => (r.Label, r.Count)));
        var training = Assert.Single(report.Trainings);
        Assert.Equal(("电子税务局新版申报培训", 3), (training.Topic, training.AttendeeCount));
        var action = Assert.Single(report.Improvements);
        Assert.Equal(("王芳", new DateOnly(2026, 4, 30)), (action.Owner, action.DueDate));
        Assert.Empty(report.MajorIncidents);
        Assert.Equal(MonthlyReports.NoIncidents, report.IncidentsNote);
    }

    [Fact]
    public async Task The_ops_report_of_2_march_lists_its_two_tickets_with_totals()
    {
        var known = await app.KnownAsync();

        var report = await app.Get<OpsReports>().ForDaysAsync(known.HallId, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));

        Assert.Equal([known.T1.Number, known.T2.Number], report.Tickets.Select(t => t.Number));
        Assert.Equal("2026年3月2日", report.Period.Title);
        Assert.Equal((1, 2), (report.Figures.Response.Count, report.Figures.Response.Of));
        Assert.Equal((2, 2), (report.Figures.Resolve.Count, report.Figures.Resolve.Of));
        Assert.Equal("50.0%", report.Figures.Satisfaction.Percent);
    }

    [Fact]
    public async Task The_ops_report_of_one_ticket_has_its_facts_and_every_step_in_order()
    {
        var known = await app.KnownAsync();

        var report = await app.Get<OpsReports>().ForTicketAsync(known.HallId, known.T1.Number.ToLowerInvariant());

        Assert.Equal(known.T1.Number, report.Ticket.Number);
        Assert.Equal(["录入", "受理", "解决", "评分", "回访", "关闭"], report.Steps.Select(s => s.What));
        Assert.Equal("重新安装税控盘驱动后开票正常", report.Ticket.Resolution);
        Assert.Equal(SatisfactionLevel.VerySatisfied, report.Ticket.Rating);
        Assert.Equal("很专业", report.Ticket.RatingComment);
        Assert.Equal(TicketStatus.Closed, report.Ticket.Status);
        Assert.True(report.Ticket.ResponseMet(report.AsOfUtc));
    }

    [Fact]
    public async Task The_first_half_of_2026_measures_all_seven_tickets_against_the_configured_targets()
    {
        var known = await app.KnownAsync();

        var view = await app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2026, 1);

        var lines = view.Lines.ToDictionary(l => l.Key);
        Assert.Equal((3, 7, "42.9%", "95.0%", true), Line(lines["response"]));
        Assert.Equal((2, 7, "28.6%", "90.0%", true), Line(lines["resolve"]));
        Assert.Equal((2, 3, "66.7%", "60.0%", false), Line(lines["satisfaction"]));
        Assert.Equal((2, 3, "66.7%", "60.0%", false), Line(lines["callback"]));
        // Exactly on target is met.
        Assert.Equal((1, 2, "50.0%", "50.0%", false), Line(lines["guidance"]));
        Assert.Equal(["响应及时率", "解决及时率"], view.Unanswered.Select(l => l.Name));

        static (int, int, string, string, bool) Line(MetricLine l) => (l.Count, l.Of, l.ActualText, l.TargetText, l.Missed);
    }

    [Theory]
    [InlineData(2026, 3, 3, 2026, 3, 1, "结束日期 2026-03-01 早于开始日期 2026-03-03，请重新选择日期范围。")]
    [InlineData(2026, 7, 3, 2026, 7, 3, "开始日期 2026-07-03 晚于今天（2026-07-02），还没有可报告的服务。")]
    [InlineData(2026, 1, 1, 2026, 3, 1, "一份运维报告最多覆盖 31 天，请缩短日期范围或使用月度服务报告。")]
    public async Task A_bad_day_range_is_refused_with_the_reason(int y1, int m1, int d1, int y2, int m2, int d2, string message)
    {
        var known = await app.KnownAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.Get<OpsReports>().ForDaysAsync(known.HallId, new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2)));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public async Task Missing_dates_a_future_month_a_future_half_year_and_an_unknown_ticket_are_refused_clearly()
    {
        var known = await app.KnownAsync();

        var noDates = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<OpsReports>().ForDaysAsync(known.HallId, null, null));
        var futureMonth = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 8));
        var badMonth = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 13));
        var futureHalf = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2027, 1));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => app.Get<OpsReports>().ForTicketAsync(known.HallId, "GX-19990101-0001"));
        var noNumber = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<OpsReports>().ForTicketAsync(known.HallId, "  "));

        Assert.Equal("请选择报告的起止日期。", noDates.Message);
        Assert.Equal("2026年8月尚未开始，不能生成月度服务报告。", futureMonth.Message);
        Assert.Equal("请选择有效的年份和月份。", badMonth.Message);
        Assert.Equal("2027年上半年尚未开始，不能生成服务水平报告。", futureHalf.Message);
        Assert.Equal("本厅没有编号为“GX-19990101-0001”的工单。", unknown.Message);
        Assert.Equal("请输入工单编号，如 GX-20260302-0001。", noNumber.Message);
    }

    [Fact]
    public async Task The_current_month_is_reported_so_far()
    {
        var known = await app.KnownAsync();

        var july = await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 7);

        Assert.Equal(0, july.Figures.Total);
        Assert.Equal("—", july.Figures.Response.Percent);
    }

    [Fact]
    public async Task A_major_incident_is_listed_in_the_month_it_was_open_and_not_before()
    {
        var known = await app.KnownAsync();
        var engineer = await app.EngineerActorAsync(1);
        await app.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "电子税务局全厅无法登录", Channels = [Channel.ETaxWeb], Business = "申报、缴税",
            StartUtc = ReportsApp.At(2026, 6, 20, 9, 0).UtcDateTime,
        }, [], engineer);
        var reports = app.Get<MonthlyReports>();

        var may = await reports.ForMonthAsync(known.HallId, 2026, 5);
        var june = await reports.ForMonthAsync(known.HallId, 2026, 6);

        Assert.Empty(may.MajorIncidents);
        Assert.Equal(MonthlyReports.NoIncidents, may.IncidentsNote);
        Assert.Equal(("电子税务局全厅无法登录", "处置中"), (Assert.Single(june.MajorIncidents).Title, june.MajorIncidents[0].Status));
        Assert.Null(june.IncidentsNote);
    }
}
