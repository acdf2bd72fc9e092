using Bunit;
using ClosedXML.Excel;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Pages;
using HallBoard.Features.ServiceReports.Workbooks;
using HallBoard.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The monthly report's feedback, escalation, 网上办税率, main-problem and promotion sections against the
/// hand-counted <see cref="ReportSectionsData"/>, in the report the page shows and in the workbook's cells.</summary>
public sealed class MonthlySectionsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private async Task<MonthlyReport> MarchAsync()
    {
        var known = await app.KnownAsync();
        return await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 3);
    }

    [Fact]
    public async Task March_feedback_counts_each_kind_and_marks_the_one_late_complaint_step_by_step()
    {
        var feedback = (await MarchAsync()).Feedback;

        Assert.Equal([("意见", 1, 0, 1), ("建议", 1, 1, 0), ("咨询", 1, 1, 0), ("投诉", 3, 2, 1)],
            feedback.ByKind.Select(k => (k.Label, k.Received, k.Closed, k.Late)));
        Assert.Equal((6, 4, 2), (feedback.Total.Received, feedback.Total.Closed, feedback.Total.Late));
        Assert.Equal(["FK-C1", "FK-C2", "FK-C3"], feedback.Complaints.Select(c => c.Number));
        var late = feedback.Complaints[1];
        Assert.Equal(("已答复", true), (late.Status, late.Late));
        Assert.Equal(["超时完成", "超时完成", "按时", "已逾期"], late.Steps.Select(FeedbackFact.Label));
        Assert.All([feedback.Complaints[0], feedback.Complaints[2]], c => Assert.Equal(["按时", "按时", "按时", "按时"], c.Steps.Select(FeedbackFact.Label)));
    }

    [Fact]
    public async Task March_escalations_are_counted_by_recipient_with_those_answered_in_time_and_still_open()
    {
        var escalations = (await MarchAsync()).Escalations;

        Assert.Equal(
            [("主管税务机关运维部门（市局运维科）", 2, 2, 1, 0, 0), ("办税服务厅负责人", 2, 1, 1, 1, 1)],
            escalations.ByRecipient.Select(r => (r.Label, r.Raised, r.Answered, r.AnsweredInTime, r.Open, r.OpenOverdue)));
        Assert.Equal((4, 3, 2, 1, 1), (escalations.Total.Raised, escalations.Total.Answered, escalations.Total.AnsweredInTime,
            escalations.Total.Open, escalations.Total.OpenOverdue));
        Assert.Equal("66.7%", escalations.Total.InTime.Percent);
    }

    [Fact]
    public async Task March_online_rate_is_seventy_percent_twenty_points_up_on_february_with_the_counter_categories()
    {
        var online = (await MarchAsync()).Online;

        Assert.Equal((60, 140, 2), (online.Counter, online.Online, online.DaysWithVolumes));
        Assert.Equal(0.7, online.Rate!.Value, 9);
        Assert.Equal(0.5, online.PreviousRate!.Value, 9);
        Assert.Equal("+20.0 个百分点", online.ChangeText);
        Assert.Equal([("窗口（金三）", 60, 50), ("电子税务局", 70, 30), ("手机APP", 40, 10), ("自助办税终端", 20, 10), ("智慧办税区", 10, 0)],
            online.Channels.Select(c => (c.Channel, c.Volume, c.PreviousVolume)));
        // T1 and T5 invoices logged at the counter; T3 filing guided online without success.
        Assert.Equal([("发票", 2, 0), ("申报", 0, 1)], online.CounterCategories.Select(c => (c.Category, c.AtCounter, c.GuidanceFailed)));
        Assert.Equal(3, online.CounterTotal.Total);
    }

    [Fact]
    public async Task March_main_problems_are_grouped_by_category_and_by_the_article_that_resolved_them()
    {
        var report = await MarchAsync();

        Assert.Equal([("发票", 3), ("申报", 2)], report.MainProblems.ByCategory.Select(r => (r.Label, r.Count)));
        Assert.Equal([("发票开具失败处理", 3), ("申报表填写指引", 2)], report.MainProblems.ByArticle.Select(r => (r.Label, r.Count)));
        Assert.Equal((5, 4, 1), (report.MainProblems.Tickets, report.MainProblems.WithArticle, report.MainProblems.WithoutArticle));
        var guidance = Assert.Single(report.Guidance.ByCategory);
        Assert.Equal(("申报", 2, 1, 1, 0, 0.5), (guidance.Label, guidance.Guided, guidance.Succeeded, guidance.Failed, guidance.Pending, guidance.SuccessRate));
    }

    [Fact]
    public async Task The_workbook_holds_the_same_figures_with_totals_on_each_new_sheet()
    {
        var report = await MarchAsync();

        using var book = new XLWorkbook(new MemoryStream(app.Get<MonthlyReportWorkbook>().Build(report)));

        var feedback = book.Worksheet("意见投诉");
        Assert.Equal([3, 2, 1], Cells(Row(feedback, "投诉"), 2, 4));
        Assert.Equal([6, 4, 2], Cells(Row(feedback, "合计"), 2, 4));
        Assert.Equal(["已答复", "超时完成", "超时完成", "按时", "已逾期", "逾期"],
            Enumerable.Range(3, 6).Select(c => Row(feedback, "FK-C2").Cell(c).GetString()));
        Assert.Equal(new DateTime(2026, 3, 12, 10, 0, 0), Row(feedback, "FK-C2").Cell(2).GetDateTime());

        var escalations = Row(book.Worksheet("升级"), "合计");
        Assert.Equal([4, 3, 2], Cells(escalations, 2, 4));
        Assert.Equal(2.0 / 3, escalations.Cell(5).GetDouble(), 9);
        Assert.Equal([1, 1], Cells(escalations, 6, 7));

        var online = book.Worksheet("网上办税");
        Assert.Equal(0.7, Row(online, "网上办税率").Cell(2).GetDouble(), 9);
        Assert.Equal(0.5, Row(online, "网上办税率").Cell(3).GetDouble(), 9);
        Assert.Equal("+20.0 个百分点", Row(online, "网上办税率").Cell(4).GetString());
        Assert.Equal([200, 100, 100], Cells(Row(online, "合计"), 2, 2).Concat(Cells(Row(online, "合计"), 4, 5)));
        Assert.Equal([2, 0, 2], Cells(Row(online, "发票"), 2, 4));

        var problems = book.Worksheet("主要问题");
        Assert.Equal(3, Row(problems, "发票开具失败处理").Cell(2).GetDouble());
        Assert.Equal(0.6, Row(problems, "发票开具失败处理").Cell(3).GetDouble(), 9);
        Assert.Equal(1, Row(problems, "未引用知识条目的工单").Cell(2).GetDouble());
        Assert.Equal(5, Row(problems, "合计（全部工单）").Cell(2).GetDouble());

        var promotion = Row(book.Worksheet("推广"), "申报");
        Assert.Equal([2, 1, 1, 0], Cells(promotion, 2, 5));
        Assert.Equal(0.5, promotion.Cell(6).GetDouble(), 9);
        Assert.Equal(0.7, Row(book.Worksheet("概况"), "网上办税率").Cell(2).GetDouble(), 9);
    }

    [Fact]
    public async Task The_printable_page_shows_the_same_cells_as_the_workbook()
    {
        var report = await MarchAsync();
        await using var ui = new BunitContext();
        ui.Services.AddSingleton(app.Get<HallTime>());

        var page = ui.Render<MonthlyReportView>(p => p.Add(v => v.Report, report));

        string[] Cells(string table, string first) => [.. page.FindAll($"#{table} tbody tr")
            .Single(r => r.QuerySelector("td")!.TextContent == first).QuerySelectorAll("td").Select(c => c.TextContent.Trim())];
        Assert.Equal(["FK-C2", "2026-03-12 10:00", "已答复", "超时完成", "超时完成", "按时", "已逾期", "逾期"], Cells("monthly-complaints", "FK-C2"));
        Assert.Equal(["合计", "4", "3", "2", "66.7%", "1", "1"], Cells("monthly-escalations", "合计"));
        Assert.Equal(["网上办税率", "70.0%", "50.0%", "+20.0 个百分点"], Cells("monthly-online-rate", "网上办税率"));
        Assert.Equal(["发票开具失败处理", "3", "60.0%"], Cells("monthly-problems-article", "发票开具失败处理"));
        Assert.Equal(["申报", "2", "1", "1", "0", "50.0%"], Cells("monthly-promotion-category", "申报"));
        Assert.Contains("投诉 3 件，其中逾期 1 件。", page.Markup);
    }

    private static IXLRow Row(IXLWorksheet sheet, string label) => sheet.RowsUsed().First(r => r.Cell(1).GetString() == label);

    private static IEnumerable<int> Cells(IXLRow row, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(c => (int)row.Cell(c).GetDouble()).ToList();
}
