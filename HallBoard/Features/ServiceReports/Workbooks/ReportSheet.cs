using ClosedXML.Excel;

namespace HallBoard.Features.ServiceReports.Workbooks;

/// <summary>A share to write as a percentage (0.0%); no value is written as "—".</summary>
public readonly record struct Percent(double? Value);

/// <summary>
/// Writes one sheet of a report workbook top to bottom: an optional title, then styled header rows and data rows.
/// Columns get the widths given (ClosedXML's AdjustToContents needs System.Drawing, which fails on Linux); every
/// cell wraps; times are written as the hall's local time with a date format.
/// </summary>
public sealed class ReportSheet
{
    public const string TimeFormat = "yyyy-mm-dd hh:mm";
    public const string DayFormat = "yyyy-mm-dd";
    public const string PercentFormat = "0.0%";
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DCE6F1");
    private static readonly XLColor TitleFont = XLColor.FromHtml("#1F3864");

    private readonly IXLWorksheet _sheet;
    private int _row;

    private ReportSheet(IXLWorksheet sheet) => _sheet = sheet;

    public IXLWorksheet Sheet => _sheet;

    public static ReportSheet Add(XLWorkbook book, string name, params double[] widths)
    {
        var sheet = new ReportSheet(book.AddWorksheet(name));
        for (var i = 0; i < widths.Length; i++) sheet._sheet.Column(i + 1).Width = widths[i];
        sheet._sheet.Style.Alignment.WrapText = true;
        sheet._sheet.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet._sheet.Style.Font.FontName = "等线";
        sheet._sheet.Style.Font.FontSize = 11;
        return sheet;
    }

    /// <summary>A bold title across the used columns, then a blank row.</summary>
    public ReportSheet Title(string text, int across)
    {
        var cell = _sheet.Cell(++_row, 1);
        cell.Value = text;
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 14;
        cell.Style.Font.FontColor = TitleFont;
        if (across > 1) _sheet.Range(_row, 1, _row, across).Merge();
        _sheet.Row(_row).Height = 24;
        return this;
    }

    /// <summary>A plain line of text across the used columns (a note under a title or a section).</summary>
    public ReportSheet Note(string text, int across)
    {
        var cell = _sheet.Cell(++_row, 1);
        cell.Value = text;
        cell.Style.Font.Italic = true;
        if (across > 1) _sheet.Range(_row, 1, _row, across).Merge();
        return this;
    }

    public ReportSheet Blank()
    {
        _row++;
        return this;
    }

    public ReportSheet Header(params string[] headers)
    {
        _row++;
        for (var i = 0; i < headers.Length; i++)
        {
            var cell = _sheet.Cell(_row, i + 1);
            cell.Value = headers[i];
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = HeaderFill;
            cell.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        }
        return this;
    }

    public ReportSheet Row(params object?[] values)
    {
        _row++;
        for (var i = 0; i < values.Length; i++) Write(_sheet.Cell(_row, i + 1), values[i]);
        return this;
    }

    /// <summary>The row last written, e.g. to mark a missed target.</summary>
    public IXLRow LastRow => _sheet.Row(_row);

    public int RowNumber => _row;

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                cell.Value = "—";
                break;
            case string text:
                // Set as text, so a taxpayer ID or a ticket number is never read as a number or a formula.
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
                break;
            case int number:
                cell.Value = number;
                break;
            case double number:
                cell.Value = number;
                break;
            case Percent { Value: { } share }:
                cell.Value = share;
                cell.Style.NumberFormat.Format = PercentFormat;
                break;
            case Percent:
                cell.Value = "—";
                break;
            case DateTime local:
                cell.Value = local;
                cell.Style.DateFormat.Format = TimeFormat;
                break;
            case DateOnly day:
                cell.Value = day.ToDateTime(TimeOnly.MinValue);
                cell.Style.DateFormat.Format = DayFormat;
                break;
            default:
                cell.SetValue(value.ToString());
                break;
        }
    }

    /// <summary>A section's tables on a sheet of its own, one under the other, each note under its table.</summary>
    public static ReportSheet AddTables(XLWorkbook book, SectionTables section)
    {
        var widths = section.Tables.Select(t => t.Widths).MaxBy(w => w.Length) ?? [];
        var sheet = Add(book, section.Sheet, widths);
        var first = true;
        foreach (var table in section.Tables)
        {
            if (!first) sheet.Blank();
            first = false;
            sheet.Header([.. table.Headers]);
            foreach (var row in table.Rows) sheet.Row(row);
            if (table.Note is { } note) sheet.Note(note, table.Headers.Count);
        }
        return sheet;
    }

    public static byte[] Save(XLWorkbook book)
    {
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }
}
