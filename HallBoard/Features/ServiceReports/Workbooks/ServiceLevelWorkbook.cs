using ClosedXML.Excel;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports.Workbooks;

/// <summary>半年度服务水平报告 as a workbook: 服务水平 (target against actual, misses in red), 整改措施, 指标说明.</summary>
public sealed class ServiceLevelWorkbook(HallTime time)
{
    public const string LevelsSheet = "服务水平";
    public const string ActionsSheet = "整改措施";
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

        var actions = ReportSheet.Add(book, ActionsSheet, 16, 48, 12, 12, 12).Header("指标", "整改措施", "责任人", "整改期限", "登记人");
        foreach (var a in report.Actions)
            actions.Row(report.Lines.FirstOrDefault(l => l.Key == a.MetricKey)?.Name ?? a.MetricKey, a.Text, a.Owner, a.DueDate, a.CreatedByName);
        if (report.Misses.Count == 0) actions.Note("本期各项指标均达标，无需整改。", 5);

        var definitions = ReportSheet.Add(book, DefinitionsSheet, 18, 60).Header("指标", "计算方法");
        foreach (var line in report.Lines) definitions.Row(line.Name, line.Definition);
        return ReportSheet.Save(book);
    }
}
