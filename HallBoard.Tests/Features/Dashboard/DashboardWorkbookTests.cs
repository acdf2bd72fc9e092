using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Features.Dashboard;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The one-click Excel of the dashboard: valid Open XML, a sheet per chart, the same numbers as the page.</summary>
public sealed class DashboardWorkbookTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly string[] Sheets =
        ["概览", "每日工单量", "时段分布", "渠道分布", "业务类别分布", "服务类型分布", "SLA 达标率", "满意度分布", "满意度趋势", "回访完成情况", "网上办税引导", "工程师工作量与 SLA"];

    private async Task<MemoryStream> WorkbookAsync()
    {
        var known = await app.KnownAsync();
        var figures = await app.Get<DashboardQueries>().FiguresAsync(known.HallId, KnownHall.Period);
        var file = new MemoryStream();
        app.Get<DashboardWorkbook>().Write(figures, known.Name, file);
        file.Position = 0;
        return file;
    }

    [Fact]
    public async Task The_workbook_passes_the_open_xml_validator_with_widths_set_by_hand()
    {
        using var file = await WorkbookAsync();

        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        Assert.All(document.WorkbookPart!.WorksheetParts, part =>
            Assert.All(part.Worksheet.GetFirstChild<Columns>()!.Elements<Column>(), c => Assert.True(c.CustomWidth?.Value)));
    }

    [Fact]
    public async Task Every_chart_has_its_sheet_and_the_figures_read_back()
    {
        using var file = await WorkbookAsync();

        using var book = new XLWorkbook(file);
        Assert.Equal(Sheets, book.Worksheets.Select(s => s.Name));

        var overview = book.Worksheet("概览");
        Assert.Equal("2026-03-02 至 2026-03-03", overview.Cell(3, 2).GetString());
        Assert.Equal(6, overview.Cell(5, 2).GetValue<int>());
        Assert.Equal(4.0 / 6, overview.Cell(6, 2).GetDouble(), 6);
        Assert.Equal("0.0%", overview.Cell(6, 2).Style.NumberFormat.Format);

        var perDay = book.Worksheet("每日工单量");
        Assert.Equal(["日期", "工单数"], new[] { perDay.Cell(1, 1).GetString(), perDay.Cell(1, 2).GetString() });
        Assert.True(perDay.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(("2026-03-02", 4), (perDay.Cell(2, 1).GetString(), perDay.Cell(2, 2).GetValue<int>()));
        Assert.Equal(("2026-03-03", 2), (perDay.Cell(3, 1).GetString(), perDay.Cell(3, 2).GetValue<int>()));

        var hours = book.Worksheet("时段分布");
        Assert.Equal(25, hours.LastRowUsed().RowNumber());
        Assert.Equal(("09:00-09:59", 2), (hours.Cell(11, 1).GetString(), hours.Cell(11, 2).GetValue<int>()));

        var sla = book.Worksheet("SLA 达标率");
        Assert.Equal(("解决", 3, 5, 0.6), (sla.Cell(3, 1).GetString(), sla.Cell(3, 2).GetValue<int>(), sla.Cell(3, 3).GetValue<int>(), sla.Cell(3, 4).GetDouble()));

        var levels = book.Worksheet("满意度分布");
        Assert.Equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意"], Enumerable.Range(2, 5).Select(r => levels.Cell(r, 1).GetString()));

        var engineers = book.Worksheet("工程师工作量与 SLA");
        Assert.Equal(("张工", 3, 2), (engineers.Cell(2, 1).GetString(), engineers.Cell(2, 2).GetValue<int>(), engineers.Cell(2, 3).GetValue<int>()));
        Assert.Equal(0.5, engineers.Cell(3, 5).GetDouble(), 6);
    }
}
