using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Workbooks;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>Each report's workbook: valid Open XML, the sheets named, and the page's figures in its cells.</summary>
public sealed class ReportWorkbookTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task The_monthly_workbook_is_valid_and_holds_the_march_figures_sheet_by_sheet()
    {
        var known = await app.KnownAsync();
        var report = await app.Get<MonthlyReports>().ForMonthAsync(known.HallId, 2026, 3);

        var file = app.Get<MonthlyReportWorkbook>().Build(report);

        AssertValid(file);
        using var book = Open(file);
        Assert.Equal(["概况", "业务量", "服务时效", "满意度", "意见投诉", "升级", "网上办税", "主要问题", "重大事件", "培训", "推广", "改进措施"],
            book.Worksheets.Select(s => s.Name));
        var summary = book.Worksheet("概况");
        Assert.Equal("高新区税务局办税服务厅 服务月度报告（2026年3月）", summary.Cell(1, 1).GetString());
        Assert.Equal(5, ValueOf(summary, "服务总数"));
        Assert.Equal(0.6, ValueOf(summary, "响应及时率"), 6);
        Assert.Equal(0.4, ValueOf(summary, "解决及时率"), 6);
        Assert.Equal(2.0 / 3, ValueOf(summary, "满意率"), 6);
        Assert.Equal("0.0%", Row(summary, "满意率").Cell(2).Style.NumberFormat.Format);
        Assert.Equal(2, ValueOf(book.Worksheet("业务量"), "窗口"));
        Assert.Equal(3, ValueOf(book.Worksheet("主要问题"), "发票"));
        Assert.Equal(1, ValueOf(book.Worksheet("满意度"), "基本满意"));
        Assert.Equal("本月无重大事件记录。", book.Worksheet("重大事件").Cell(2, 1).GetString());
        Assert.Equal("电子税务局新版申报培训", book.Worksheet("培训").Cell(2, 2).GetString());
        Assert.Equal("王芳", book.Worksheet("改进措施").Cell(2, 2).GetString());
        Assert.Equal(48, book.Worksheet("改进措施").Column(1).Width);
    }

    [Fact]
    public async Task The_ops_workbooks_of_a_ticket_and_of_a_day_are_valid_with_times_in_hall_time()
    {
        var known = await app.KnownAsync();
        var ops = app.Get<OpsReports>();
        var ticket = app.Get<OpsReportWorkbook>().Build(await ops.ForTicketAsync(known.HallId, known.T1.Number));
        var day = app.Get<OpsReportWorkbook>().Build(await ops.ForDaysAsync(known.HallId, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2)));

        AssertValid(ticket);
        AssertValid(day);
        using (var book = Open(ticket))
        {
            Assert.Equal(["概况", "处理过程"], book.Worksheets.Select(s => s.Name));
            var facts = book.Worksheet("概况");
            Assert.Equal(known.T1.Number, Row(facts, "工单编号").Cell(2).GetString());
            Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0), Row(facts, "录入时间").Cell(2).GetDateTime());
            Assert.Equal("yyyy-mm-dd hh:mm", Row(facts, "录入时间").Cell(2).Style.DateFormat.Format);
            Assert.Equal("非常满意", Row(facts, "满意度").Cell(2).GetString());
            var steps = book.Worksheet("处理过程");
            Assert.Equal("关闭", steps.Cell(7, 2).GetString());
            Assert.Equal(new DateTime(2026, 3, 2, 9, 55, 0), steps.Cell(7, 1).GetDateTime());
        }
        using (var book = Open(day))
        {
            Assert.Equal(["汇总", "工单明细"], book.Worksheets.Select(s => s.Name));
            Assert.Equal(2, ValueOf(book.Worksheet("汇总"), "服务总数"));
            Assert.Equal(known.T2.Number, book.Worksheet("工单明细").Cell(3, 1).GetString());
        }
    }

    [Fact]
    public async Task The_service_level_workbook_flags_the_misses()
    {
        var known = await app.KnownAsync();
        var report = await app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2026, 1);

        var file = app.Get<ServiceLevelWorkbook>().Build(report);

        AssertValid(file);
        using var book = Open(file);
        Assert.Equal(["服务水平", "整改措施", "文档输出", "指标说明"], book.Worksheets.Select(s => s.Name));
        var levels = book.Worksheet("服务水平");
        var response = Row(levels, "响应及时率");
        Assert.Equal(0.95, response.Cell(2).GetDouble(), 9);
        Assert.Equal(3.0 / 7, response.Cell(3).GetDouble(), 9);
        Assert.Equal("未达标", response.Cell(6).GetString());
        Assert.Equal(XLColor.FromHtml("#F8D7DA"), response.Cell(1).Style.Fill.BackgroundColor);
        Assert.Equal("达标", Row(levels, "线上引导成功率").Cell(6).GetString());
    }

    private static XLWorkbook Open(byte[] file) => new(new MemoryStream(file));

    private static void AssertValid(byte[] file)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    private static IXLRow Row(IXLWorksheet sheet, string label) =>
        sheet.RowsUsed().First(r => r.Cell(1).GetString() == label);

    private static double ValueOf(IXLWorksheet sheet, string label) => Row(sheet, label).Cell(2).GetDouble();
}
