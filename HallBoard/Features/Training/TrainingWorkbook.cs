using ClosedXML.Excel;
using HallBoard.Features.Incidents;
using HallBoard.Hosting;

namespace HallBoard.Features.Training;

/// <summary>A training document as an Excel workbook: one A4 sheet laid out like the paper form. Column widths and
/// row heights are set by hand (no AdjustToContents, no pictures: ClosedXML 0.95).</summary>
public sealed class TrainingWorkbook(HallTime time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int Columns = 8;
    private static readonly double[] Widths = [22, 22, 12, 12, 12, 12, 12, 12];

    public static string FileName(TrainingDocument doc) => $"{doc.Title}-{doc.Number}.xlsx";

    public byte[] Build(TrainingDocument doc)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(doc.Title);
        for (var c = 0; c < Columns; c++) sheet.Column(c + 1).Width = Widths[c];
        sheet.Style.Font.FontName = "等线";

        var row = 1;
        var title = Span(sheet, row, 1, Columns);
        title.FirstCell().SetValue($"《{doc.Title}》");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 16;
        title.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Row(row).Height = 28;
        row++;
        var made = Span(sheet, row, 1, Columns);
        made.FirstCell().SetValue($"{doc.HallName}　编号：{doc.Number}　生成时间：{time.Format(time.UtcNow)}");
        made.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        row += 2;

        foreach (var section in doc.Sections)
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
                label.Style.Alignment.WrapText = true;
                var value = Span(sheet, row, 2, Columns);
                value.FirstCell().SetValue(field.Value);
                value.Style.Alignment.WrapText = true;
                value.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                sheet.Row(row).Height = Math.Min(409, 15 * Math.Max(Lines(field.Value, 55), Lines(field.Label, 10)) + 3);
                Border(sheet.Range(row, 1, row, Columns));
                row++;
            }
            if (section.Table is { } table) row = WriteTable(sheet, row, table);
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
        var used = Math.Max(1, Math.Min(Columns, table.Headers.Count));
        for (var c = 0; c < used; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            cell.SetValue(table.Headers[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromArgb(0xF2, 0xF2, 0xF2);
        }
        Border(sheet.Range(row, 1, row, used));
        row++;
        if (table.Rows.Count == 0)
        {
            Span(sheet, row, 1, used).FirstCell().SetValue(table.Empty);
            Border(sheet.Range(row, 1, row, used));
            return row + 1;
        }
        foreach (var values in table.Rows)
        {
            var lines = 1.0;
            for (var c = 0; c < Math.Min(used, values.Count); c++)
            {
                var cell = sheet.Cell(row, c + 1);
                // Text as text: an answer never turns into a number, a date or a formula.
                cell.SetValue(values[c]);
                cell.DataType = XLDataType.Text;
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                lines = Math.Max(lines, Lines(values[c], (int)(Widths[c] / 2)));
            }
            sheet.Row(row).Height = Math.Min(409, Math.Max(20, 15 * lines + 3));
            Border(sheet.Range(row, 1, row, used));
            row++;
        }
        return row;
    }

    private static IXLRange Span(IXLWorksheet sheet, int row, int from, int to)
    {
        var range = sheet.Range(row, from, row, to);
        if (to > from) range.Merge();
        return range;
    }

    private static void Border(IXLRange range)
    {
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
    }

    private static double Lines(string text, int charsPerLine) =>
        text.Split('\n').Sum(line => Math.Max(1, Math.Ceiling(line.Length / (double)Math.Max(1, charsPerLine))));
}
