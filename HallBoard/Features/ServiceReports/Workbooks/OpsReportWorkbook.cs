using ClosedXML.Excel;
using HallBoard.Domain;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports.Workbooks;

/// <summary>《运维报告》 as a workbook: for one ticket (概况, 处理过程) or for days (汇总, 工单明细).</summary>
public sealed class OpsReportWorkbook(HallTime time)
{
    public const string FactsSheet = "概况";
    public const string StepsSheet = "处理过程";
    public const string TotalsSheet = "汇总";
    public const string TicketsSheet = "工单明细";

    public byte[] Build(TicketOpsReport report)
    {
        var t = report.Ticket;
        using var book = new XLWorkbook();
        var facts = ReportSheet.Add(book, FactsSheet, 18, 60)
            .Title($"运维报告 {t.Number}", 2)
            .Note($"{report.HallName}　统计时间 {time.Format(report.AsOfUtc)}（北京时间）", 2)
            .Header("项目", "内容");
        foreach (var (label, value) in TicketFacts(t, report.AsOfUtc)) facts.Row(label, value);

        var steps = ReportSheet.Add(book, StepsSheet, 18, 12, 10, 12, 60).Header("时间", "环节", "状态", "操作人", "说明");
        foreach (var s in report.Steps) steps.Row(time.ToLocal(s.AtUtc), s.What, s.Status, s.Actor, s.Note ?? "");
        return ReportSheet.Save(book);
    }

    public byte[] Build(DayOpsReport report)
    {
        var f = report.Figures;
        using var book = new XLWorkbook();
        var totals = ReportSheet.Add(book, TotalsSheet, 22, 14, 12)
            .Title($"运维报告（{report.Period.Title}）", 3)
            .Note($"{report.HallName}　统计时间 {time.Format(report.AsOfUtc)}（北京时间）", 3)
            .Header("项目", "数量", "占比");
        totals.Row("服务总数", f.Total, "").Row("已关闭", f.Closed, "").Row("未关闭", f.Open, "")
            .Row("响应及时", f.Response.Count, new Percent(f.Response.Value))
            .Row("解决及时", f.Resolve.Count, new Percent(f.Resolve.Value))
            .Row("已评价", f.Satisfaction.Of, "")
            .Row("满意（非常满意与满意）", f.Satisfaction.Count, new Percent(f.Satisfaction.Value))
            .Row("引导线上办理", f.Guided, "")
            .Row("引导成功", f.Guidance.Count, new Percent(f.Guidance.Value));
        totals.Blank().Header("状态", "数量", "占比");
        foreach (var r in f.ByStatus) totals.Row(r.Label, r.Count, new Percent(r.Share.Value));
        totals.Blank().Header("渠道", "数量", "占比");
        foreach (var r in f.ByChannel) totals.Row(r.Label, r.Count, new Percent(r.Share.Value));

        var list = ReportSheet.Add(book, TicketsSheet, 20, 17, 14, 14, 8, 24, 36, 10, 10, 17, 36, 12, 10)
            .Header("编号", "录入时间", "渠道", "业务类别", "类型", "纳税人", "问题描述", "负责人", "状态", "解决时间", "解决方案", "满意度", "回访");
        foreach (var t in report.Tickets)
            list.Row(t.Number, time.ToLocal(t.CreatedUtc), Labels.Of(t.Channel), Labels.Of(t.Category), Labels.Of(t.Kind),
                t.TaxpayerName, t.Description, t.AssigneeName ?? "", Labels.Of(t.Status),
                t.ResolvedUtc is { } r ? time.ToLocal(r) : null, t.Resolution ?? "",
                t.Rating is { } level ? Labels.Of(level) : "", FollowUpText(t));
        return ReportSheet.Save(book);
    }

    /// <summary>The facts of one ticket, in the order the page shows them too.</summary>
    public IEnumerable<(string Label, object? Value)> TicketFacts(ReportTicket t, DateTime asOfUtc)
    {
        yield return ("工单编号", t.Number);
        yield return ("录入时间", time.ToLocal(t.CreatedUtc));
        yield return ("纳税人", t.TaxpayerName);
        yield return ("渠道", Labels.Of(t.Channel));
        yield return ("业务类别", Labels.Of(t.Category));
        yield return ("服务类型", Labels.Of(t.Kind));
        yield return ("优先级", Labels.Of(t.Priority));
        yield return ("问题描述", t.Description);
        yield return ("负责人", t.AssigneeName ?? "未受理");
        yield return ("当前状态", Labels.Of(t.Status));
        yield return ("响应时限", time.ToLocal(t.ResponseDueUtc));
        yield return ("受理时间", t.TakenUtc is { } taken ? time.ToLocal(taken) : null);
        yield return ("响应是否及时", Verdict(t.ResponseMet(asOfUtc)));
        yield return ("解决时限", time.ToLocal(t.ResolveDueUtc));
        yield return ("解决时间", t.ResolvedUtc is { } resolved ? time.ToLocal(resolved) : null);
        yield return ("解决是否及时", Verdict(t.ResolveMet(asOfUtc)));
        yield return ("解决方案", t.Resolution ?? "");
        yield return ("回访", FollowUpText(t));
        yield return ("满意度", t.Rating is { } level ? Labels.Of(level) : "未评价");
        yield return ("评价方式", t.RatingSource is { } source ? Labels.Of(source) : "");
        yield return ("评价意见", t.RatingComment ?? "");
        yield return ("引导线上办理", t.GuidedOnline ? (t.GuidanceSucceeded == true ? "已引导，线上办理成功" : "已引导，未成功") : "否");
        yield return ("关闭", t.ClosedUtc is { } closed
            ? $"{time.Format(closed)} {(t.CloseReason is { } reason ? Labels.Of(reason) : "")}{(t.CloseNote is { } note ? "：" + note : "")}"
            : "未关闭");
        yield return ("重新打开次数", t.ReopenCount);
    }

    public static string Verdict(bool? met) => met switch { true => "及时", false => "超时", null => "未到时限" };

    public static string FollowUpText(ReportTicket t) => t.LastFollowUp is { } outcome
        ? $"{Labels.Of(outcome)}（共 {t.FollowUpAttempts} 次）"
        : "未回访";
}
