using System.Globalization;
using HallBoard.Domain;

namespace HallBoard.Features.Dashboard;

public enum CellKind { Text, Count, Percent, Number }

public sealed record FigureColumn(string Name, CellKind Kind, double Width);

/// <summary>The numbers behind one chart: shown under the chart on demand, and one sheet of the Excel workbook.
/// Cells are strings (text), ints (counts) or nullable doubles (percent 0–1, or a number).</summary>
public sealed record FigureTable(string Id, string Title, IReadOnlyList<FigureColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public static string Show(object? value, CellKind kind) => value switch
    {
        null => "—",
        double d when kind == CellKind.Percent => d.ToString("0.0%", CultureInfo.InvariantCulture),
        double d => d.ToString("0.00", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The dashboard's figures as tables, one per chart, in the order the page shows them.</summary>
public static class FigureTables
{
    public const string PerDay = "per-day", PerHour = "per-hour", Channel = "channel", Category = "category", Kind = "kind",
        Sla = "sla", Levels = "levels", Trend = "trend", CallBack = "callback", Guidance = "guidance", Engineers = "engineers";

    private static readonly FigureColumn CountColumn = new("工单数", CellKind.Count, 10);

    public static IReadOnlyList<FigureTable> All(DashboardFigures f) =>
        [Of(f, PerDay), Of(f, PerHour), Of(f, Channel), Of(f, Category), Of(f, Kind), Of(f, Sla), Of(f, Levels), Of(f, Trend),
         Of(f, CallBack), Of(f, Guidance), Of(f, Engineers)];

    public static FigureTable Of(DashboardFigures f, string id) => id switch
    {
        PerDay => new(id, "每日工单量", [new("日期", CellKind.Text, 12), CountColumn],
            [.. f.PerDay.Select(d => new object?[] { DashboardPeriod.Text(d.Day), d.Count })]),
        PerHour => new(id, "时段分布", [new("时段", CellKind.Text, 14), CountColumn],
            [.. f.PerHour.Select((n, h) => new object?[] { HourLabel(h), n })]),
        Channel => Shares(id, "渠道分布", "渠道", f.ByChannel, Labels.Of, f.Tickets),
        Category => Shares(id, "业务类别分布", "业务类别", f.ByCategory, Labels.Of, f.Tickets),
        Kind => Shares(id, "服务类型分布", "服务类型", f.ByKind, Labels.Of, f.Tickets),
        Sla => new(id, "SLA 达标率", [new("指标", CellKind.Text, 12), new("达标", CellKind.Count, 10), new("考核工单", CellKind.Count, 10), new("达标率", CellKind.Percent, 10)],
            [RateRow("响应", f.Sla.Response), RateRow("解决", f.Sla.Resolve)]),
        Levels => new(id, "满意度分布", [new("评价", CellKind.Text, 14), new("评价数", CellKind.Count, 10), new("占比", CellKind.Percent, 10)],
            [.. f.Satisfaction.Levels.Select(l => new object?[] { Labels.Of(l.Level), l.Count, Part(l.Count, f.Satisfaction.Rated) })]),
        Trend => new(id, "满意度趋势", [new("日期", CellKind.Text, 12), new("评价数", CellKind.Count, 10), new("满意及以上", CellKind.Count, 12),
                new("满意率", CellKind.Percent, 10), new("平均分", CellKind.Number, 10)],
            [.. f.Satisfaction.Trend.Select(d => new object?[] { DashboardPeriod.Text(d.Day), d.Rated, d.Satisfied, d.Rate.Value, d.Average })]),
        CallBack => new(id, "回访完成情况", [new("项目", CellKind.Text, 20), CountColumn, new("占已解决", CellKind.Percent, 10)],
        [
            ["已解决", f.CallBack.Resolved, null],
            ["已回访", f.CallBack.CalledBack, f.CallBack.Completion.Value],
            ["联系不上关闭", f.CallBack.ClosedUnreachable, Part(f.CallBack.ClosedUnreachable, f.CallBack.Resolved)],
            ["拒绝评价关闭", f.CallBack.ClosedDeclined, Part(f.CallBack.ClosedDeclined, f.CallBack.Resolved)],
            ["待回访", f.CallBack.Pending, Part(f.CallBack.Pending, f.CallBack.Resolved)],
        ]),
        Guidance => new(id, "网上办税引导", [new("项目", CellKind.Text, 16), CountColumn],
        [
            ["引导至网上办理", f.Guidance.Guided], ["引导成功", f.Guidance.Succeeded], ["引导未成功", f.Guidance.Failed],
            ["结果未记录", f.Guidance.Unknown],
        ]),
        Engineers => new(id, "工程师工作量与 SLA", [new("工程师", CellKind.Text, 12), new("受理", CellKind.Count, 8), new("已解决", CellKind.Count, 8),
                new("响应达标率", CellKind.Percent, 12), new("解决达标率", CellKind.Percent, 12)],
            [.. f.Engineers.Select(e => new object?[] { e.Name, e.Taken, e.Resolved, e.Response.Value, e.Resolve.Value })]),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "No such dashboard table."),
    };

    public static string HourLabel(int hour) => $"{hour:00}:00-{hour:00}:59";

    private static FigureTable Shares<T>(string id, string title, string name, IReadOnlyList<Share<T>> shares, Func<T, string> label, int total)
        where T : struct, Enum =>
        new(id, title, [new(name, CellKind.Text, 16), CountColumn, new("占比", CellKind.Percent, 10)],
            [.. shares.Select(s => new object?[] { label(s.Value), s.Count, Part(s.Count, total) })]);

    private static object?[] RateRow(string name, Rate rate) => [name, rate.Met, rate.Measured, rate.Value];

    private static double? Part(int count, int total) => total == 0 ? null : (double)count / total;
}
