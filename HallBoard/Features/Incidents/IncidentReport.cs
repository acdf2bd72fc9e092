using System.Globalization;
using HallBoard.Domain;
using HallBoard.Hosting;

namespace HallBoard.Features.Incidents;

public sealed record ReportField(string Label, string Value);

public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string Empty);

/// <summary>One numbered section of the report: label/value fields, then optionally a table.</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportField> Fields, ReportTable? Table = null);

/// <summary>
/// The 《重大事件处理报告》 made from the incident's record: 基本信息, 影响范围, 处置过程, 原因分析, 处理措施, 上报情况.
/// The printable page and the workbook both render these sections, so they always say the same.
/// </summary>
public static class IncidentReport
{
    public const string Title = "重大事件处理报告";
    public const string NotYet = "（尚未填写）";

    public static string NumberOf(IncidentDetail d) => NumberOf(d.HallCode, d.Incident.Id);

    public static string NumberOf(string hallCode, int incidentId) =>
        $"{hallCode}-ZD-{incidentId.ToString("0000", CultureInfo.InvariantCulture)}";

    public static IReadOnlyList<ReportSection> Sections(IncidentDetail d, HallTime time)
    {
        var i = d.Incident;
        var duration = i.EndUtc is { } end ? Duration(end - i.StartUtc) : "处置中";
        return
        [
            new("一、基本信息",
            [
                new("事件编号", NumberOf(d)),
                new("事件名称", i.Title),
                new("办税服务厅", d.HallName),
                new("事件状态", i.StateLabel),
                new("宣布人", i.DeclaredByName),
                new("宣布时间", time.Format(i.DeclaredUtc)),
                new("开始时间", time.Format(i.StartUtc)),
                new("结束时间", time.Format(i.EndUtc)),
                new("持续时长", duration),
                new("事件描述", i.Description ?? "—"),
            ]),
            new("二、影响范围",
            [
                new("受影响渠道", string.Join("、", i.Channels.Select(Labels.Of))),
                new("受影响业务", i.Business),
                new("受影响纳税人数", d.TaxpayersAffected.ToString(CultureInfo.InvariantCulture)),
                new("其中登记估计", i.EstimatedTaxpayers?.ToString(CultureInfo.InvariantCulture) ?? "—"),
                new("关联工单数", d.Tickets.Count.ToString(CultureInfo.InvariantCulture)),
            ],
            new(["工单编号", "录入时间", "渠道", "类别", "状态"],
                d.Tickets.Select(t => (IReadOnlyList<string>)[t.Number, time.Format(t.CreatedUtc), Labels.Of(t.Channel), Labels.Of(t.Category), Labels.Of(t.Status)]).ToList(),
                "无关联工单")),
            new("三、处置过程", [],
            new(["时间", "类型", "内容", "记录人"],
                d.Timeline.Where(e => e.Kind != IncidentEntryKind.Reported)
                    .Select(e => (IReadOnlyList<string>)[time.Format(e.AtUtc), Labels.Of(e.Kind), e.Text, e.ActorName]).ToList(),
                "暂无处置记录")),
            new("四、原因分析", [new("原因", i.Cause ?? NotYet)]),
            new("五、处理措施", [new("措施", i.Measures ?? NotYet)]),
            new("六、上报情况", [],
            new(["上报对象", "上报时间", "内容", "记录人"],
                d.Reports.Select(e => (IReadOnlyList<string>)[e.Party ?? "—", time.Format(e.AtUtc), e.Text, e.ActorName]).ToList(),
                "尚未上报")),
            PlanSection(d, time),
        ];
    }

    /// <summary>七、书面改进方案: the plan, the bureau's opinion and how far each measure is.</summary>
    private static ReportSection PlanSection(IncidentDetail d, HallTime time)
    {
        const string title = "七、书面改进方案";
        if (d.Plan is not { } p) return new(title, [new("改进方案", NotYet)]);
        return new(title,
        [
            new("方案状态", Labels.Of(p.State)),
            new("方案概述", p.Summary),
            new("编写人", $"{p.CreatedByName}（{time.Format(p.CreatedUtc)}）"),
            new("提交局方时间", time.Format(p.SubmittedUtc)),
            new("局方意见和要求", p.BureauOpinion ?? NotYet),
            new("意见登记", p.BureauOpinionUtc is null ? "—"
                : $"{p.OpinionRecordedByName}{(p.OpinionByBureau ? "（局方）" : "（代为登记）")} {time.Format(p.BureauOpinionUtc)}"),
        ],
        new(["改进措施", "责任人", "完成期限", "完成情况", "完成日期"],
            p.Measures.OrderBy(m => m.Id).Select(m => (IReadOnlyList<string>)[m.Text, m.Owner, m.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Labels.Of(m.State), m.DoneOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"]).ToList(),
            "尚无改进措施"));
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}天{span.Hours}小时{span.Minutes}分钟"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}小时{span.Minutes}分钟"
            : $"{(int)span.TotalMinutes}分钟";
    }
}
