using ClosedXML.Excel;

namespace HallBoard.Features.Incidents;

/// <summary>A document made of <see cref="ReportSection"/>s as one A4 sheet laid out like the paper form (the incident
/// report, the training documents). Column widths and row heights are set by hand (no AdjustToContents, no pictures:
/// ClosedXML 0.95).</summary>
public static class SectionsWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build(string sheetName, string title, string madeLine, IEnumerable<ReportSection> sections, double[] widths)
    {
        var columns = widths.Length;
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(sheetName);
        for (var c = 0; c < columns; c++) sheet.Column(c + 1).Width = widths[c];
        sheet.Style.Font.FontName = "等线";

        var row = 1;
        var head = Span(sheet, row, 1, columns);
        head.FirstCell().SetValue($"《{title}》");
        head.Style.Font.Bold = true;
        head.Style.Font.FontSize = 16;
        head.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Row(row).Height = 28;
        row++;
        var made = Span(sheet, row, 1, columns);
        made.FirstCell().SetValue(madeLine);
        made.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        row += 2;

        foreach (var section in sections)
        {
            var sectionHead = Span(sheet, row, 1, columns);
            sectionHead.FirstCell().SetValue(section.Title);
            sectionHead.Style.Font.Bold = true;
            sectionHead.Style.Fill.BackgroundColor = XLColor.FromArgb(0xDD, 0xE6, 0xF3);
            row++;
            foreach (var field in section.Fields)
            {
                var label = sheet.Cell(row, 1);
                label.SetValue(field.Label);
                label.Style.Font.Bold = true;
                label.Style.Alignment.WrapText = true;
                var value = Span(sheet, row, 2, columns);
                value.FirstCell().SetValue(field.Value);
                value.Style.Alignment.WrapText = true;
                value.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                var valueChars = (int)(widths.Skip(1).Sum() / 2);
                var labelChars = (int)(widths[0] / 2);
                sheet.Row(row).Height = Math.Min(409, 15 * Math.Max(Lines(field.Value, valueChars), Lines(field.Label, labelChars)) + 3);
                Border(sheet.Range(row, 1, row, columns));
                row++;
            }
            if (section.Table is { } table) row = WriteTable(sheet, row, table, widths);
            row++;
        }
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static int WriteTable(IXLWorksheet sheet, int row, ReportTable table, double[] widths)
    {
        var used = Math.Max(1, Math.Min(widths.Length, table.Headers.Count));
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
                // Text as text: a ticket number, a note or an answer never turns into a number, a date or a formula.
                cell.SetValue(values[c]);
                cell.DataType = XLDataType.Text;
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                lines = Math.Max(lines, Lines(values[c], (int)(widths[c] / 2)));
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
