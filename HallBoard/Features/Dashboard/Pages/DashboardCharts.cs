using HallBoard.Domain;
using MudBlazor;

namespace HallBoard.Features.Dashboard.Pages;

/// <summary>What one chart draws: its kind, the labels along the axis (or of the slices) and the series.</summary>
public sealed record ChartModel(ChartType Type, string[] Labels, List<ChartSeries<double>> Series)
{
    public bool IsEmpty => Series.All(s => s.Data.Values.All(v => v == 0));
}

/// <summary>Builds each dashboard chart from the figures; the numbers are the same as in <see cref="FigureTables"/>.</summary>
public static class DashboardCharts
{
    /// <summary>At most this many labels along a time axis; the others are left blank so the axis stays readable.</summary>
    private const int MaxAxisLabels = 16;

    public static ChartModel PerDay(DashboardFigures f) => new(ChartType.Bar,
        Thin(f.PerDay.Select(d => d.Day.ToString("MM-dd")).ToArray()),
        [Series("工单数", f.PerDay.Select(d => (double)d.Count))]);

    public static ChartModel PerHour(DashboardFigures f) => new(ChartType.Bar,
        Enumerable.Range(0, 24).Select(h => h % 2 == 0 ? $"{h}时" : "").ToArray(),
        [Series("工单数", f.PerHour.Select(n => (double)n))]);

    public static ChartModel Channel(DashboardFigures f) => Donut(f.ByChannel.Select(s => (Labels.Of(s.Value), s.Count)));

    public static ChartModel Category(DashboardFigures f) => Bars("工单数", f.ByCategory.Select(s => (Labels.Of(s.Value), s.Count)));

    public static ChartModel Kind(DashboardFigures f) => Donut(f.ByKind.Select(s => (Labels.Of(s.Value), s.Count)));

    public static ChartModel Sla(DashboardFigures f) => new(ChartType.Bar, ["响应", "解决"],
        [Series("达标率（%）", [Percent(f.Sla.Response), Percent(f.Sla.Resolve)])]);

    public static ChartModel Levels(DashboardFigures f) => Donut(f.Satisfaction.Levels.Select(l => (Labels.Of(l.Level), l.Count)));

    public static ChartModel Trend(DashboardFigures f) => new(ChartType.Line,
        Thin(f.Satisfaction.Trend.Select(d => d.Day.ToString("MM-dd")).ToArray()),
        [Series("满意率（%）", f.Satisfaction.Trend.Select(d => d.Rate.Value is { } v ? v * 100 : 0))]);

    public static ChartModel CallBack(DashboardFigures f) => Donut(
    [
        ("已回访", f.CallBack.CalledBack), ("联系不上关闭", f.CallBack.ClosedUnreachable),
        ("拒绝评价关闭", f.CallBack.ClosedDeclined), ("待回访", f.CallBack.Pending),
    ]);

    public static ChartModel Guidance(DashboardFigures f) => Donut(
        [("引导成功", f.Guidance.Succeeded), ("引导未成功", f.Guidance.Failed), ("结果未记录", f.Guidance.Unknown)]);

    public static ChartModel Engineers(DashboardFigures f) => new(ChartType.Bar,
        f.Engineers.Select(e => e.Name).ToArray(),
        [Series("受理", f.Engineers.Select(e => (double)e.Taken)), Series("已解决", f.Engineers.Select(e => (double)e.Resolved))]);

    private static ChartModel Donut(IEnumerable<(string Label, int Count)> parts)
    {
        var list = parts.ToList();
        return new(ChartType.Donut, [.. list.Select(p => p.Label)], [Series("工单数", list.Select(p => (double)p.Count))]);
    }

    private static ChartModel Bars(string name, IEnumerable<(string Label, int Count)> parts)
    {
        var list = parts.ToList();
        return new(ChartType.Bar, [.. list.Select(p => p.Label)], [Series(name, list.Select(p => (double)p.Count))]);
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values.ToArray()) };

    private static double Percent(Rate rate) => rate.Value is { } v ? Math.Round(v * 100, 1) : 0;

    private static string[] Thin(string[] labels)
    {
        if (labels.Length <= MaxAxisLabels) return labels;
        var step = (int)Math.Ceiling(labels.Length / (double)MaxAxisLabels);
        return [.. labels.Select((l, i) => i % step == 0 ? l : "")];
    }
}
