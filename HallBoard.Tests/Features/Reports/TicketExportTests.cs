using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using System.Text.Json;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Reports;

[Collection(ExportCollection.Name)]
public sealed class TicketExportTests(ExportApp app)
{
    private static readonly DateOnly March2 = new(2026, 3, 2);
    private static readonly string[] Headers =
        ["编号", "录入时间", "渠道", "业务类别", "服务类型", "优先级", "状态", "纳税人", "负责人", "响应时限", "解决时间", "满意度", "回访次数"];

    private static readonly Actor Manager = new("test:manager", "孙经理", null, null);

    private TicketExport Export => app.Get<TicketExport>();

    [Fact]
    public async Task The_workbook_passes_the_open_xml_validator()
    {
        var known = await app.KnownAsync();

        using var file = await ExportAsync(new ExportFilter(known.HallId, March2, March2));

        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        // Widths are fixed per column, never measured from the content.
        var widths = document.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<Columns>()!
            .Elements<Column>().Select(c => (c.Min!.Value, c.Width!.Value, c.CustomWidth!.Value));
        Assert.Equal(TicketExport.Columns.Select((c, i) => ((uint)i + 1, c.Width, true)), widths);
    }

    [Fact]
    public async Task The_day_s_tickets_read_back_in_order_with_local_times_and_chinese_labels()
    {
        var known = await app.KnownAsync();

        using var file = await ExportAsync(new ExportFilter(known.HallId, March2, March2));

        using var book = new XLWorkbook(file);
        var sheet = book.Worksheet(1);
        Assert.Equal("工单明细", sheet.Name);
        Assert.Equal(Headers, Enumerable.Range(1, 13).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(4, sheet.LastRowUsed().RowNumber());

        // 00:00 in the hall is 16:00 UTC the day before: it belongs to 2 March, the 23:59 ticket does not. A hotline
        // ticket logged while the hall is closed runs the after-hours response target: 30 minutes around the clock.
        AssertRow(sheet, 2, "GX-20260302-0001", At(0, 0), "12366热线", "政策咨询", "咨询", "低", "待受理", "张三", "", At(0, 30), null, "", 0);
        AssertRow(sheet, 3, "GX-20260302-0002", At(9, 0), "窗口", "发票", "故障", "高", "已关闭", "某某科技有限公司", "张伟", At(9, 5), At(9, 20), "非常满意", 1);
        AssertRow(sheet, 4, "GX-20260302-0003", At(10, 30), "电子税务局", "申报", "引导", "普通", "待受理", "厦门某某商贸有限公司", "", At(10, 40), null, "", 0);
        Assert.Equal([known.AtMidnight.Number, known.Closed.Number, known.Waiting.Number],
            Enumerable.Range(2, 3).Select(r => sheet.Cell(r, 1).GetString()));

        // Excel shows the date cells as 2026-03-02 09:05, from the cell's number format.
        Assert.Equal((XLDataType.DateTime, "yyyy-mm-dd hh:mm"), (sheet.Cell(3, 10).DataType, sheet.Cell(3, 10).Style.NumberFormat.Format));
        Assert.Equal(1, sheet.SheetView.SplitRow);
    }

    [Fact]
    public async Task Status_and_channel_narrow_the_rows()
    {
        var known = await app.KnownAsync();

        var waiting = await NumbersAsync(new ExportFilter(known.HallId, March2, March2, Status: TicketStatus.Waiting));
        var counter = await NumbersAsync(new ExportFilter(known.HallId, March2, March2, Channel: Channel.Counter));
        var counterOverThreeDays = await NumbersAsync(ExportFilter.FromQuery(known.HallId, "2026-03-01", "2026-03-03", null, "窗口"));

        Assert.Equal(["GX-20260302-0001", "GX-20260302-0003"], waiting);
        Assert.Equal(["GX-20260302-0002"], counter);
        // The demo tickets of 1 March are not at the counter; the ones a minute before and the morning after are.
        Assert.Equal(["GX-20260301-0005", "GX-20260302-0002", "GX-20260303-0001"], counterOverThreeDays);
    }

    [Fact]
    public async Task A_reversed_range_is_refused_before_anything_is_written()
    {
        var known = await app.KnownAsync();
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Export.WriteAsync(new ExportFilter(known.HallId, March2, March2.AddDays(-1)), output, Manager));

        Assert.Equal("结束日期 2026-03-01 早于开始日期 2026-03-02，请重新选择日期范围。", error.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Missing_and_malformed_dates_and_unknown_choices_are_all_named()
    {
        var missing = Assert.Throws<ValidationFailedException>(() => ExportFilter.FromQuery(1, null, " ", null, null));
        var malformed = Assert.Throws<ValidationFailedException>(() => ExportFilter.FromQuery(1, "2026/03/02", "2026-03-31", "Lost", "Fax"));

        Assert.Equal("请选择开始日期。；请选择结束日期。", missing.Message);
        Assert.Equal("开始日期“2026/03/02”无效，格式应为 yyyy-MM-dd。", malformed.Errors["from"].Single());
        Assert.Equal("工单状态“Lost”无效。", malformed.Errors["status"].Single());
        Assert.Equal("渠道“Fax”无效。", malformed.Errors["channel"].Single());
        Assert.Equal(new ExportFilter(1, March2, March2, TicketStatus.Closed, Channel.Counter),
            ExportFilter.FromQuery(1, "2026-03-02", "2026-03-02", "已关闭", "counter"));
    }

    [Fact]
    public async Task The_file_is_named_after_the_hall_and_the_range()
    {
        var known = await app.KnownAsync();

        Assert.Equal("高新区税务局办税服务厅_工单明细_20260302-20260331.xlsx",
            await Export.FileNameAsync(new ExportFilter(known.HallId, March2, new DateOnly(2026, 3, 31))));
        Assert.Equal("全部服务厅_工单明细_20260302-20260302.xlsx", await Export.FileNameAsync(new ExportFilter(null, March2, March2)));
        Assert.Equal("A_B厅_工单明细_20260302-20260302.xlsx", TicketExport.FileName("A/B厅", March2, March2));
    }

    [Fact]
    public async Task A_control_character_pasted_into_a_name_does_not_break_the_file()
    {
        var hallId = await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = "CC", Name = "控制字符测试厅" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            var draft = new TicketDraft { TaxpayerName = "王五\u0001贸易公司 😀", Description = "导出测试用工单" };
            db.Tickets.Add(Ticket.Open(hall.Id, "CC-20260302-0001", draft, new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2)),
                Manager, new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
            return hall.Id;
        });

        using var file = await ExportAsync(new ExportFilter(hallId, March2, March2));

        using (var document = SpreadsheetDocument.Open(file, isEditable: false))
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        file.Position = 0;
        using var book = new XLWorkbook(file);
        Assert.Equal("王五\uFFFD贸易公司 😀", book.Worksheet(1).Cell(2, 8).GetString());
    }

    [Fact]
    public async Task Three_thousand_tickets_all_arrive_in_order_with_progress_along_the_way()
    {
        var bulk = await app.BulkAsync();
        var reports = new List<int>();

        using var file = new MemoryStream();
        var rows = await Export.WriteAsync(new ExportFilter(bulk.HallId, bulk.Day, bulk.Day), file, Manager, new InlineProgress(reports.Add));

        Assert.Equal(ExportApp.BulkCount, rows);
        Assert.Equal(ExportApp.BulkCount / TicketExport.ProgressEvery + 1, reports.Count);
        Assert.Equal(ExportApp.BulkCount, reports[^1]);
        file.Position = 0;
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        var (count, first, last) = ReadNumbers(document.WorkbookPart!.WorksheetParts.Single());
        Assert.Equal(ExportApp.BulkCount + 1, count);
        Assert.Equal(("编号", bulk.LastNumber), (first, last));
    }

    [Fact]
    public async Task Past_the_rows_a_sheet_can_hold_the_rows_go_on_in_a_new_sheet_under_the_same_header()
    {
        var bulk = await app.BulkAsync();
        // Excel's 1,048,576 rows would take minutes to fill here; 1,200 (header included) shows the same roll-over.
        var export = new TicketExport(app.Get<IDbContextFactory<HallDbContext>>(), app.Get<HallTime>()) { RowsPerSheet = 1_200 };

        using var file = new MemoryStream();
        var rows = await export.WriteAsync(new ExportFilter(bulk.HallId, bulk.Day, bulk.Day), file, Manager);

        Assert.Equal(ExportApp.BulkCount, rows);
        file.Position = 0;
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>()
            .Select(s => (s.Name!.Value, Read: ReadNumbers((WorksheetPart)workbook.GetPartById(s.Id!.Value!)))).ToList();
        Assert.Equal(["工单明细", "工单明细 (2)", "工单明细 (3)"], sheets.Select(s => s.Value));
        Assert.Equal([1_200, 1_200, ExportApp.BulkCount - 2 * 1_199 + 1], sheets.Select(s => s.Read.Rows));
        Assert.All(sheets, s => Assert.Equal("编号", s.Read.First));
        Assert.Equal(["BK-20260401-01199", "BK-20260401-02398", bulk.LastNumber], sheets.Select(s => s.Read.Last));
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).Take(5));
    }

    [Fact]
    public async Task Cancelling_stops_the_export_and_the_audit_log_says_how_far_it_got()
    {
        var bulk = await app.BulkAsync();
        using var cancel = new CancellationTokenSource();
        var actor = HallAppFactory.As(Roles.Manager, $"test:{Guid.NewGuid():N}", "孙经理", bulk.HallId);
        var reports = new List<int>();
        var progress = new InlineProgress(rows =>
        {
            reports.Add(rows);
            if (rows >= 1000) cancel.Cancel();
        });

        using var file = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Export.WriteAsync(new ExportFilter(bulk.HallId, bulk.Day, bulk.Day), file, actor, progress, cancel.Token));

        Assert.Equal([500, 1000], reports);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ActorId == actor.Id));
        Assert.Equal("导出工单明细（未完成）", audit.Action);
        using var what = JsonDocument.Parse(audit.After!);
        Assert.Equal(1000, what.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(bulk.HallId, audit.HallId);
    }

    private static DateTime At(int hour, int minute) => new(2026, 3, 2, hour, minute, 0);

    private static void AssertRow(IXLWorksheet sheet, int row, string number, DateTime created, string channel, string category,
        string kind, string priority, string status, string taxpayer, string assignee, DateTime responseDue, DateTime? resolved,
        string rating, int followUps)
    {
        Assert.Equal(number, sheet.Cell(row, 1).GetString());
        Assert.Equal(created, sheet.Cell(row, 2).GetDateTime());
        Assert.Equal([channel, category, kind, priority, status, taxpayer, assignee],
            Enumerable.Range(3, 7).Select(c => sheet.Cell(row, c).GetString()));
        Assert.Equal(responseDue, sheet.Cell(row, 10).GetDateTime());
        if (resolved is null) Assert.True(sheet.Cell(row, 11).IsEmpty());
        else Assert.Equal(resolved, sheet.Cell(row, 11).GetDateTime());
        Assert.Equal(rating, sheet.Cell(row, 12).GetString());
        Assert.Equal(followUps, sheet.Cell(row, 13).GetDouble());
        Assert.Equal(XLDataType.Number, sheet.Cell(row, 13).DataType);
    }

    private async Task<MemoryStream> ExportAsync(ExportFilter filter)
    {
        var file = new MemoryStream();
        await Export.WriteAsync(filter, file, Manager);
        file.Position = 0;
        return file;
    }

    private async Task<List<string>> NumbersAsync(ExportFilter filter)
    {
        using var file = await ExportAsync(filter);
        using var book = new XLWorkbook(file);
        var sheet = book.Worksheet(1);
        return Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1).Select(r => sheet.Cell(r, 1).GetString()).ToList();
    }

    /// <summary>Row count and the first column of the first and last rows, read as a stream (thousands of rows are slow to load as a DOM).</summary>
    private static (int Rows, string First, string Last) ReadNumbers(WorksheetPart part)
    {
        using var reader = OpenXmlReader.Create(part);
        var (rows, first, last) = (0, "", "");
        var inFirstColumn = false;
        while (reader.Read())
        {
            if (!reader.IsStartElement) continue;
            if (reader.ElementType == typeof(Row)) rows++;
            else if (reader.ElementType == typeof(Cell)) inFirstColumn = reader.Attributes.Any(a => a.LocalName == "r" && a.Value!.StartsWith('A'));
            else if (inFirstColumn && reader.ElementType == typeof(Text))
            {
                last = reader.GetText();
                if (rows == 1) first = last;
                inFirstColumn = false;
            }
        }
        return (rows, first, last);
    }
}
