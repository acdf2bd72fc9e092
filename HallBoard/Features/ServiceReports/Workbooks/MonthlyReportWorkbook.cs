using HallBoard.Domain;
using ClosedXML.Excel;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports.Workbooks;

/// <summary>服务月度报告 as a workbook, one sheet per section of the page.</summary>
public sealed class MonthlyReportWorkbook(HallTime time)
{
    public const string SummarySheet = "概况";
    public const string VolumeSheet = "业务量";
    public const string SlaSheet = "服务时效";
    public const string SatisfactionSheet = "满意度";
    public const string ProblemsSheet = MonthlyTables.ProblemsSheet;
    public const string IncidentsSheet = "重大事件";
    public const string TrainingSheet = "培训";
    public const string PromotionSheet = MonthlyTables.PromotionSheet;
    public const string ImprovementSheet = "改进措施";

    public byte[] Build(MonthlyReport report)
    {
        var f = report.Figures;
        using var book = new XLWorkbook();

        var summary = ReportSheet.Add(book, SummarySheet, 26, 16)
            .Title($"{report.HallName} 服务月度报告（{report.Period.Title}）", 2)
            .Note($"统计时间 {time.Format(report.AsOfUtc)}（北京时间）", 2)
            .Header("指标", "数值");
        foreach (var (label, value) in Summary(report)) summary.Row(label, value);

        var volume = ReportSheet.Add(book, VolumeSheet, 22, 12, 12);
        Breakdown(volume, "渠道", f.ByChannel);
        Breakdown(volume.Blank(), "业务类别", f.ByCategory);
        Breakdown(volume.Blank(), "服务类型", f.ByKind);

        ReportSheet.Add(book, SlaSheet, 16, 16, 16, 16, 14)
            .Header("指标", "及时", "应计", "未到时限", "达成率")
            .Row("响应及时率", f.Response.Count, f.Response.Of, f.ResponsePending, new Percent(f.Response.Value))
            .Row("解决及时率", f.Resolve.Count, f.Resolve.Of, f.ResolvePending, new Percent(f.Resolve.Value));

        var satisfaction = ReportSheet.Add(book, SatisfactionSheet, 22, 12, 12);
        Breakdown(satisfaction, "评价等级", f.Ratings);
        satisfaction.Blank().Header("指标", "数量", "比率")
            .Row("满意率（非常满意与满意）", f.Satisfaction.Count, new Percent(f.Satisfaction.Value))
            .Row("评价率（已评价 / 已解决）", f.Rated.Count, new Percent(f.Rated.Value))
            .Row("回访完成率（已回访 / 已解决）", f.CallBack.Count, new Percent(f.CallBack.Value));

        ReportSheet.AddTables(book, MonthlyTables.Feedback(report, time));
        ReportSheet.AddTables(book, MonthlyTables.Escalations(report));
        ReportSheet.AddTables(book, MonthlyTables.Online(report));
        ReportSheet.AddTables(book, MonthlyTables.Problems(report));

        var incidents = ReportSheet.Add(book, IncidentsSheet, 18, 40, 12, 40).Header("时间", "事件", "状态", "说明");
        foreach (var i in report.MajorIncidents) incidents.Row(time.ToLocal(i.AtUtc), i.Title, i.Status, i.Note ?? "");
        if (report.MajorIncidents.Count == 0) incidents.Note("本月无重大事件记录。", 4);
        if (report.IncidentsNote is { } incidentsNote) incidents.Note(incidentsNote, 4);

        var training = ReportSheet.Add(book, TrainingSheet, 12, 36, 12, 40, 10).Header("日期", "培训主题", "讲师", "参训人员", "人数");
        foreach (var t in report.Trainings) training.Row(t.Date, t.Topic, t.Trainer, t.Attendees, t.AttendeeCount);
        training.Row("合计", $"{report.Trainings.Count} 场", "", "", report.TrainingAttendees);

        ReportSheet.AddTables(book, MonthlyTables.Promotion(report));

        var improvements = ReportSheet.Add(book, ImprovementSheet, 48, 12, 12, 10).Header("改进措施", "责任人", "完成期限", "状态");
        foreach (var a in report.Improvements) improvements.Row(a.Description, a.Owner, a.DueDate, Labels.Of(a.Status));
        return ReportSheet.Save(book);
    }

    /// <summary>The headline figures, in the order the page shows them too.</summary>
    public static IEnumerable<(string Label, object Value)> Summary(MonthlyReport r)
    {
        var f = r.Figures;
        yield return ("服务总数", f.Total);
        yield return ("已关闭", f.Closed);
        yield return ("响应及时率", new Percent(f.Response.Value));
        yield return ("解决及时率", new Percent(f.Resolve.Value));
        yield return ("满意率", new Percent(f.Satisfaction.Value));
        yield return ("回访完成率", new Percent(f.CallBack.Value));
        yield return ("引导线上办理", f.Guided);
        yield return ("引导成功率", new Percent(f.Guidance.Value));
        yield return ("纳税人意见", r.Feedback.Total.Received);
        yield return ("投诉", r.Feedback.Complaints.Count);
        yield return ("升级事项", r.Escalations.Total.Raised);
        yield return ("网上办税率", new Percent(r.Online.Rate));
        yield return ("重大事件", r.MajorIncidents.Count);
        yield return ("培训场次", r.Trainings.Count);
        yield return ("改进措施", r.Improvements.Count);
    }

    private static void Breakdown(ReportSheet sheet, string what, IReadOnlyList<CountRow> rows)
    {
        sheet.Header(what, "数量", "占比");
        foreach (var r in rows) sheet.Row(r.Label, r.Count, new Percent(r.Share.Value));
    }
}
