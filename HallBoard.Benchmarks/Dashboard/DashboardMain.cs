namespace HallBoard.Benchmarks.Dashboard;

/// <summary>`--only dashboard`: generate (or reuse) the history, time the queries, print the table.</summary>
public static class DashboardMain
{
    public static async Task<int> RunAsync(BenchOptions options, string machine, Func<string> loadAverage)
    {
        Console.WriteLine($"HallBoard dashboard benchmark — {machine}");
        var loadAtStart = loadAverage();
        Console.WriteLine($"{options.DashboardTickets:N0} tickets in {options.Halls} hall(s) over {options.DashboardDays} days on {(options.Postgres is null ? "SQLite" : "PostgreSQL")}, {options.DashboardRuns} runs per query (hall 1); load average at start: {loadAtStart}");
        var timings = await DashboardBench.RunAsync(options);
        Console.WriteLine();
        Console.WriteLine(DashboardBench.Markdown(timings, options.DashboardRuns));
        Console.WriteLine($"load average (1, 5, 15 min) at start {loadAtStart}, at end {loadAverage()}");
        return timings.Where(t => !t.Query.StartsWith("whole", StringComparison.Ordinal)).All(t => t.P95 <= DashboardBench.TargetMs) ? 0 : 1;
    }
}
