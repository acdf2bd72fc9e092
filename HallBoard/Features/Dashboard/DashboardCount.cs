namespace HallBoard.Features.Dashboard;

/// <summary>
/// The daily rollup behind the dashboard: for a hall and a local day (the day its tickets were logged), how many
/// tickets have a fact, e.g. ("channel", "Counter") or ("resolve", "met"). Kept in step with the tickets by
/// <see cref="DashboardRollup"/> in the same transaction as every ticket change, so a year of a busy hall is a few
/// thousand small rows instead of hundreds of thousands of tickets.
/// </summary>
public sealed class DashboardCount
{
    public int HallId { get; set; }
    public DateOnly Day { get; set; }
    public required string Metric { get; set; }
    public required string Key { get; set; }
    public int Count { get; set; }
}
