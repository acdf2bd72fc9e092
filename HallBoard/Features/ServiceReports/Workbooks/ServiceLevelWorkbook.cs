using ClosedXML.Excel;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports.Workbooks;

/// <summary>半年度服务水平报告 as a workbook: 服务水平 (target against actual, misses in red), 整改措施 (this period's
/// and those carried over), 文档输出 (the document check), 指标说明.</summary>
public sealed class ServiceLevelWorkbook(HallTime time)
{
    public const string LevelsSheet = "服务水平";
    public const string ActionsSheet = ServiceLevelTables.ActionsSheet;
    public const string DocumentsSheet = ServiceLevelTables.DocumentsSheet;
    public const string DefinitionsSheet = "指标说明";
    private static readonly XLColor MissFill = XLColor.FromHtml("#F8D7DA");

    public byte[] Build(ServiceLevelView report)
    {
        using var book = new XLWorkbook();
        var status = report.IsFinal
            ? $"已定稿（{time.Format(report.FinalisedUtc)}，{report.FinalisedByName}）"
            : "草稿";
        var levels = ReportSheet.Add(book, LevelsSheet, 18, 12, 12, 12, 12, 12)
            .Title($"{report.HallName} 服务水平报告（{report.Period.Title}）", 6)
            .Note($"{status}　统计时间 {time.Format(report.AsOfUtc)}（北京时间）", 6)
            .Header("指标", "目标", "实际", "达成数", "应计数", "结论");
        foreach (var line in report.Lines)
        {
            levels.Row(line.Name, new Percent(line.Target), new Percent(line.Actual), line.Count, line.Of, line.Verdict);
            if (line.Missed)
            {
                var cells = levels.Sheet.Range(levels.RowNumber, 1, levels.RowNumber, 6);
                cells.Style.Fill.BackgroundColor = MissFill;
                cells.Style.Font.Bold = true;
            }
        }

        ReportSheet.AddTables(book, ServiceLevelTables.Actions(report));
        ReportSheet.AddTables(book, ServiceLevelTables.Documents(report, time));

        var definitions = ReportSheet.Add(book, DefinitionsSheet, 18, 60).Header("指标", "计算方法");
        foreach (var line in report.Lines) definitions.Row(line.Name, line.Definition);
        return ReportSheet.Save(book);
    }
}
