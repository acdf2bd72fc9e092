using ClosedXML.Excel;
using HallBoard.Hosting;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// The dashboard's figures as an Excel workbook: an overview sheet, then one sheet per chart with the same numbers the
/// page's tables show. Column widths are set by hand (ClosedXML 0.95 measures text with System.Drawing, which fails
/// on Linux).
/// </summary>
public sealed class DashboardWorkbook(HallTime time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string OverviewSheet = "概览";

    public static string FileName(string hallName, DashboardPeriod period) =>
        $"{hallName}-运行分析-{DashboardPeriod.Text(period.From)}至{DashboardPeriod.Text(period.To)}.xlsx";

    public void Write(DashboardFigures figures, string hallName, Stream output)
    {
        using var book = new XLWorkbook();
        WriteOverview(book.Worksheets.Add(OverviewSheet), figures, hallName);
        foreach (var table in FigureTables.All(figures))
            WriteTable(book.Worksheets.Add(table.Title), table);
        book.SaveAs(output);
    }

    private void WriteOverview(IXLWorksheet sheet, DashboardFigures f, string hallName)
    {
        object?[][] rows =
        [
            ["服务厅", hallName],
            ["统计期间", f.Period.ToString()],
            ["生成时间（北京时间）", time.Format(f.AtUtc)],
            ["工单总数", f.Tickets],
            ["响应达标率", f.Sla.Response.Value],
            ["解决达标率", f.Sla.Resolve.Value],
            ["评价数", f.Satisfaction.Rated],
            ["满意率（满意及以上）", f.Satisfaction.Satisfied.Value],
            ["回访完成率", f.CallBack.Completion.Value],
            ["网上办税引导成功率", f.Guidance.Success.Value],
        ];
        sheet.Cell(1, 1).Value = "项目";
        sheet.Cell(1, 2).Value = "数值";
        for (var r = 0; r < rows.Length; r++)
        {
            sheet.Cell(r + 2, 1).Value = rows[r][0];
            var kind = rows[r][1] is double || (rows[r][1] is null && r >= 4) ? CellKind.Percent : CellKind.Text;
            SetCell(sheet.Cell(r + 2, 2), rows[r][1], rows[r][1] is int ? CellKind.Count : kind);
        }
        Header(sheet, 2);
        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 30;
    }

    private static void WriteTable(IXLWorksheet sheet, FigureTable table)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = table.Columns[c].Name;
            sheet.Column(c + 1).Width = table.Columns[c].Width;
        }
        for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
                SetCell(sheet.Cell(r + 2, c + 1), table.Rows[r][c], table.Columns[c].Kind);
        Header(sheet, table.Columns.Count);
    }

    private static void SetCell(IXLCell cell, object? value, CellKind kind)
    {
        switch (value)
        {
            case null:
                cell.Value = "—";
                break;
            case int n:
                cell.Value = n;
                break;
            case double d:
                cell.Value = d;
                cell.Style.NumberFormat.Format = kind == CellKind.Percent ? "0.0%" : "0.00";
                break;
            default:
                // Text stays text: a date or number-like label is not re-read as a number.
                cell.SetValue(value.ToString() ?? "");
                break;
        }
    }

    private static void Header(IXLWorksheet sheet, int columns)
    {
        var header = sheet.Range(1, 1, 1, columns);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E3F2FD");
        sheet.SheetView.FreezeRows(1);
    }
}
