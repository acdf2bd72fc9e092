using HallBoard.Domain;
using HallBoard.Features.Guidance;
using HallBoard.Features.ServiceReports.Workbooks;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports;

/// <summary>A table of a report section: the header and the cells, as the workbook writes them and the page shows them.</summary>
public sealed record SectionTable(string Id, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, double[] Widths, string? Note = null);

/// <summary>A section of the monthly report that the page and the workbook both draw from the same tables.</summary>
public sealed record SectionTables(string Sheet, string Heading, IReadOnlyList<SectionTable> Tables);

/// <summary>
/// The monthly report's feedback, escalation, online-rate, main-problem and promotion sections as tables, built once
/// from <see cref="MonthlyReport"/> so the printable page and <see cref="MonthlyReportWorkbook"/> show the same cells.
/// </summary>
public static class MonthlyTables
{
    public const string FeedbackSheet = "意见投诉";
    public const string EscalationSheet = "升级";
    public const string OnlineSheet = "网上办税";
    public const string ProblemsSheet = "主要问题";
    public const string PromotionSheet = "推广";

    public static SectionTables Feedback(MonthlyReport r, HallTime time)
    {
        var f = r.Feedback;
        var kinds = new SectionTable("monthly-feedback-kinds", ["类型", "收到", "已办结", "逾期"],
            [.. f.ByKind.Select(k => Cells(k)), Cells(f.Total)], [22, 12, 12, 12]);
        var complaints = new SectionTable("monthly-complaints", ["投诉编号", "收到时间", "处理状态", .. FeedbackFact.StepNames, "是否逾期"],
            [.. f.Complaints.Select(c => (object?[])
                [c.Number, time.ToLocal(c.ReceivedUtc), c.Status, .. c.Steps.Select(s => Labels.Of(s)), c.Late ? "逾期" : "否"])],
            [22, 18, 12, 10, 10, 10, 10, 10],
            f.Complaints.Count == 0 ? "本月无投诉。" : $"投诉 {f.Complaints.Count} 件，其中逾期 {f.Complaints.Count(c => c.Late)} 件。");
        return new SectionTables(FeedbackSheet, "纳税人意见与投诉", [kinds, complaints]);

        static object?[] Cells(FeedbackKindRow k) => [k.Label, k.Received, k.Closed, k.Late];
    }

    public static SectionTables Escalations(MonthlyReport r)
    {
        var e = r.Escalations;
        var table = new SectionTable("monthly-escalations", ["接收方", "升级", "已答复", "按期答复", "按期答复率", "未答复", "其中已逾期"],
            [.. e.ByRecipient.Select(Cells), Cells(e.Total)], [30, 10, 10, 10, 12, 10, 12],
            e.Total.Raised == 0 ? "本月无升级事项。" : null);
        return new SectionTables(EscalationSheet, "升级事项", [table]);

        static object?[] Cells(EscalationRow x) => [x.Label, x.Raised, x.Answered, x.AnsweredInTime, new Percent(x.InTime.Value), x.Open, x.OpenOverdue];
    }

    public static SectionTables Online(MonthlyReport r)
    {
        var o = r.Online;
        var rate = new SectionTable("monthly-online-rate", ["指标", "本月", "上月", "变化"],
        [
            ["网上办税率", new Percent(o.Rate), new Percent(o.PreviousRate), o.ChangeText],
            ["网上办理量", o.Online, o.PreviousOnline, o.Online - o.PreviousOnline],
            ["窗口办理量", o.Counter, o.PreviousCounter, o.Counter - o.PreviousCounter],
            ["业务总量", o.Total, o.PreviousTotal, o.Total - o.PreviousTotal],
        ], [22, 14, 14, 16], $"网上办税率 = 网上办理量 ÷（网上办理量 + 窗口办理量）；本月 {o.DaysWithVolumes} 天录入了业务量。");
        var channels = new SectionTable("monthly-online-channels", ["渠道", "本月", "占比", "上月", "变化"],
            [.. o.Channels.Select(c => new object?[] { c.Channel, c.Volume, new Percent(o.Total == 0 ? null : c.Share), c.PreviousVolume, c.Change }),
             ["合计", o.Total, new Percent(o.Total == 0 ? null : 1.0), o.PreviousTotal, o.Total - o.PreviousTotal]],
            [22, 14, 14, 14, 14]);
        var counter = new SectionTable("monthly-counter-categories", ["可网上办理的业务类别", "到窗口办理", "引导未成功", "合计"],
            [.. o.CounterCategories.Select(Cells), Cells(o.CounterTotal)], [22, 14, 14, 14],
            o.CounterCategories.Count == 0 ? "本月可网上办理的业务没有到窗口办理的工单。" : null);
        return new SectionTables(OnlineSheet, "网上办税率与窗口、网上办理分析", [rate, channels, counter]);

        static object?[] Cells(CounterRow c) => [c.Category, c.AtCounter, c.GuidanceFailed, c.Total];
    }

    public static SectionTables Problems(MonthlyReport r)
    {
        var p = r.MainProblems;
        var byCategory = new SectionTable("monthly-problems-category", [$"业务类别（前 {MainProblems.Top}）", "工单数", "占比"],
            [.. p.ByCategory.Select(Cells), ["合计（全部工单）", p.Tickets, new Percent(p.Tickets == 0 ? null : 1.0)]], [40, 12, 12]);
        var byArticle = new SectionTable("monthly-problems-article", [$"解决所用知识条目（前 {MainProblems.Top}）", "工单数", "占比"],
            [.. p.ByArticle.Select(Cells),
             ["引用了知识条目的工单", p.WithArticle, new Percent(new Ratio(p.WithArticle, p.Tickets).Value)],
             ["未引用知识条目的工单", p.WithoutArticle, new Percent(new Ratio(p.WithoutArticle, p.Tickets).Value)]],
            [40, 12, 12], "一张工单引用多条知识时，每条各计一次。");
        var recorded = new SectionTable("monthly-problems-recorded", ["疑难问题", "工单数", "状态"],
            [.. r.Problems.Select(x => new object?[] { x.Title, x.Tickets, x.Status })], [40, 12, 12], r.ProblemsNote);
        return new SectionTables(ProblemsSheet, "主要问题", [byCategory, byArticle, recorded]);

        static object?[] Cells(CountRow c) => [c.Label, c.Count, new Percent(c.Share.Value)];
    }

    public static SectionTables Promotion(MonthlyReport r)
    {
        var f = r.Figures;
        var g = r.Guidance;
        var summary = new SectionTable("monthly-promotion", ["指标", "数量", "比率"],
        [
            ["服务总数", f.Total, ""],
            ["引导线上办理", f.Guided, new Percent(new Ratio(f.Guided, f.Total).Value)],
            ["引导后线上办理成功", f.Guidance.Count, new Percent(f.Guidance.Value)],
        ], [28, 12, 12, 12, 12, 14]);
        var byCategory = new SectionTable("monthly-promotion-category", ["业务类别", "引导", "成功", "失败", "结果未知", "成功率（已知结果）"],
            [.. g.ByCategory.Select(Cells), Cells(g.Total)], [28, 12, 12, 12, 12, 14],
            "成功率（已知结果）= 成功 ÷（成功 + 失败）；结果未知的不计入。");
        return new SectionTables(PromotionSheet, "线上办税推广", [summary, byCategory]);

        static object?[] Cells(GuidanceLine l) => [l.Label, l.Guided, l.Succeeded, l.Failed, l.Pending, new Percent(l.SuccessRate)];
    }
}
