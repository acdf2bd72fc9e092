using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports;

/// <summary>The half-year report's document check and corrective actions as tables, for the page and
/// <see cref="Workbooks.ServiceLevelWorkbook"/> alike.</summary>
public static class ServiceLevelTables
{
    public const string DocumentsSheet = "文档输出";
    public const string ActionsSheet = "整改措施";
    public const string NoDocumentCheck = "本报告定稿于文档输出检查启用之前，没有检查记录。";

    public static SectionTables Documents(ServiceLevelView r, HallTime time)
    {
        if (r.Documents is not { } d)
            return new SectionTables(DocumentsSheet, "文档输出检查", [new SectionTable("sl-documents-months", ["月份"], [], [14], NoDocumentCheck)]);
        var months = new SectionTable("sl-documents-months", ["月份", "应产出", "按时", "逾期", "缺失", "未到期"],
            [.. d.Months.Select(m => Cells(m.Title, m)), Cells("合计", d.Total)], [14, 12, 12, 12, 12, 12],
            "按时：在截止时间前产出；逾期：截止后才产出；缺失：已过截止时间仍未产出。以工作日计（周末和法定节假日不计）。");
        var checks = new SectionTable("sl-documents", ["月份", "文档", "对象", "截止时间", "产出时间", "结论"],
            [.. d.Checks.Select(c => (object?[])
                [c.Month.ToString("yyyy年M月", System.Globalization.CultureInfo.InvariantCulture), c.Document, c.Subject,
                 c.DueUtc is { } due ? time.ToLocal(due) : "事件未结束", c.ProducedUtc is { } at ? time.ToLocal(at) : "未产出", c.VerdictText])],
            [14, 20, 28, 18, 18, 12],
            "月度报告、运维报告、重大事件处理报告以系统记录的报告下载为准；培训文档以培训登记为准；服务水平报告以定稿为准。");
        return new SectionTables(DocumentsSheet, "文档输出检查", [months, checks]);

        static object?[] Cells(string label, DocumentMonth m) => [label, m.Required, m.OnTime, m.Late, m.Missing, m.NotDue];
    }

    public static SectionTables Actions(ServiceLevelView r)
    {
        string Metric(string key) => r.Lines.FirstOrDefault(l => l.Key == key)?.Name ?? key;
        object?[] Cells(CorrectiveRow a) =>
            [Metric(a.MetricKey), a.Text, a.Owner, a.DueDate, a.StatusText, a.CompletedOn is { } d ? d : "", a.OverdueText];
        string[] headers = ["指标", "整改措施", "责任人", "整改期限", "状态", "完成日期", "逾期"];
        double[] widths = [16, 48, 12, 12, 10, 12, 10];

        var unanswered = r.Unanswered;
        var own = new SectionTable("sl-actions", headers, [.. r.Own.Select(Cells)], widths,
            r.Misses.Count == 0 ? "本期各项指标均达标，无需整改。"
            : unanswered.Count > 0 ? $"尚未填写整改措施：{string.Join("、", unanswered.Select(m => m.Name))}。" : null);
        var carried = new SectionTable("sl-carried", ["结转自", .. headers], [.. r.Carried.Select(a => (object?[])[a.CarriedFrom, .. Cells(a)])],
            [14, .. widths], r.Carried.Count == 0 ? "没有从上期结转的整改措施。" : "上期结束时尚未完成的整改措施结转至本期继续跟踪（同一措施，不重复登记）。");
        return new SectionTables(ActionsSheet, "整改措施", [own, carried]);
    }
}
