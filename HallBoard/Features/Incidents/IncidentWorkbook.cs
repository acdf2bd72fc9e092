using ClosedXML.Excel;
using HallBoard.Hosting;

namespace HallBoard.Features.Incidents;

/// <summary>The 《重大事件处理报告》 as an Excel workbook: one sheet laid out like the paper form, its sections filled
/// from the record. Column widths and row heights are set by hand (no AdjustToContents, no pictures: ClosedXML 0.95).</summary>
public sealed class IncidentWorkbook(HallTime time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "重大事件处理报告";
    private const int Columns = 5;
    private static readonly double[] Widths = [18, 20, 16, 48, 14];

    public static string FileName(IncidentDetail d) => FileName(d.HallCode, d.Incident.Id);

    /// <summary>The downloaded file's name, which the audit trail records (the half-year document check looks for it).</summary>
    public static string FileName(string hallCode, int incidentId) => $"{IncidentReport.Title}-{IncidentReport.NumberOf(hallCode, incidentId)}.xlsx";

    public byte[] Build(IncidentDetail detail)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(SheetName);
        for (var c = 0; c < Columns; c++) sheet.Column(c + 1).Width = Widths[c];

        var row = 1;
        var title = Span(sheet, row, 1, Columns);
        title.FirstCell().SetValue($"《{IncidentReport.Title}》");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 16;
        title.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Row(row).Height = 28;
        row += 1;
        var made = Span(sheet, row, 1, Columns);
        made.FirstCell().SetValue($"{detail.HallName}　报告生成时间：{time.Format(time.UtcNow)}");
        made.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        row += 2;

        foreach (var section in IncidentReport.Sections(detail, time))
        {
            var head = Span(sheet, row, 1, Columns);
            head.FirstCell().SetValue(section.Title);
            head.Style.Font.Bold = true;
            head.Style.Fill.BackgroundColor = XLColor.FromArgb(0xDD, 0xE6, 0xF3);
            row++;
            foreach (var field in section.Fields)
            {
                var label = sheet.Cell(row, 1);
                label.SetValue(field.Label);
                label.Style.Font.Bold = true;
                var value = Span(sheet, row, 2, Columns);
                value.FirstCell().SetValue(field.Value);
                value.Style.Alignment.WrapText = true;
                value.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                sheet.Row(row).Height = Height(field.Value, charsPerLine: 55);
                Border(sheet.Range(row, 1, row, Columns));
                row++;
            }
            if (section.Table is { } table)
                row = WriteTable(sheet, row, table);
            row++;
        }
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static int WriteTable(IXLWorksheet sheet, int row, ReportTable table)
    {
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            cell.SetValue(table.Headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromArgb(0xF2, 0xF2, 0xF2);
        }
        Border(sheet.Range(row, 1, row, Columns));
        row++;
        if (table.Rows.Count == 0)
        {
            Span(sheet, row, 1, Columns).FirstCell().SetValue(table.Empty);
            Border(sheet.Range(row, 1, row, Columns));
            return row + 1;
        }
        foreach (var values in table.Rows)
        {
            var lines = 1.0;
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                // Text as text: a ticket number or a note never turns into a date or a formula.
                cell.SetValue(values[c]);
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                lines = Math.Max(lines, Lines(values[c], (int)(Widths[Math.Min(c, Widths.Length - 1)] / 2)));
            }
            sheet.Row(row).Height = Math.Min(409, 15 * lines + 3);
            Border(sheet.Range(row, 1, row, Columns));
            row++;
        }
        return row;
    }

    private static IXLRange Span(IXLWorksheet sheet, int row, int from, int to)
    {
        var range = sheet.Range(row, from, row, to);
        range.Merge();
        return range;
    }

    private static void Border(IXLRange range)
    {
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    private static double Height(string text, int charsPerLine) => Math.Min(409, 15 * Lines(text, charsPerLine) + 3);

    private static double Lines(string text, int charsPerLine) =>
        text.Split('\n').Sum(line => Math.Max(1, Math.Ceiling(line.Length / (double)Math.Max(1, charsPerLine))));
}
