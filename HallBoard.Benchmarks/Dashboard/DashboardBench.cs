using System.Diagnostics;
using System.Globalization;
using System.Text;
using HallBoard.Benchmarks.Data;
using HallBoard.Data;
using HallBoard.Features.Dashboard;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Benchmarks.Dashboard;

/// <summary>One dashboard query over one period: its timings in milliseconds and the rows it covered.</summary>
/// <summary>One dashboard query over one period: wall-clock milliseconds, and the process's CPU milliseconds per run
/// (on a shared machine the wall clock mostly measures the wait for a core; the CPU time is the query's own work).</summary>
public sealed record DashboardTiming(string Period, int Days, int Tickets, string Query, Percentiles Ms, double P95, double CpuMs);

/// <summary>
/// Times each dashboard query (the app's own <see cref="DashboardQueries"/>, on a file of history) for the current day,
/// week, month and half-year and for a custom year: warm-up runs first, then repeated runs; p50/p95/max.
/// </summary>
public static class DashboardBench
{
    public const double TargetMs = 200;

    public static async Task<IReadOnlyList<DashboardTiming>> RunAsync(BenchOptions options)
    {
        var database = options.Postgres is { } postgres ? BenchDatabase.PostgresDatabase(postgres)
            : BenchDatabase.SqliteFile(options.DashboardDb ?? Path.Combine(Path.GetTempPath(), $"hallboard-dashboard-{options.DashboardTickets}-{options.Halls}.db"));
        var hallId = await DashboardHistory.EnsureAsync(database, options.DashboardTickets, options.DashboardDays, options.Halls);
        var dbOptions = database.Options();
        var time = new HallTime(new FixedClock(DashboardHistory.EndUtc), Microsoft.Extensions.Options.Options.Create(new HallOptions()));
        var queries = new DashboardQueries(new Factory(dbOptions), time);
        var today = time.Today;
        var now = DashboardHistory.EndUtc;

        (string Name, DashboardPeriod Period)[] periods =
        [
            ("day", DashboardPeriod.Current(PeriodKind.Day, today)),
            ("week", DashboardPeriod.Current(PeriodKind.Week, today)),
            ("month", DashboardPeriod.Current(PeriodKind.Month, today)),
            ("half-year", new DashboardPeriod(today.AddMonths(-6).AddDays(1), today)),
            ("custom year", new DashboardPeriod(today.AddDays(-(DashboardPeriod.MaxDays - 1)), today)),
        ];
        (string Name, Func<HallDbContext, DashboardPeriod, Task> Run)[] parts =
        [
            ("rollup: period totals", (db, p) => queries.TotalsAsync(db, hallId, p)),
            ("rollup: per day", (db, p) => queries.DailyAsync(db, hallId, p)),
            ("unresolved past due (live)", (db, p) => queries.LateAsync(db, hallId, p, now)),
            ("engineer names", (db, _) => DashboardQueries.EngineerNamesAsync(db, hallId)),
        ];

        var results = new List<DashboardTiming>();
        foreach (var (name, period) in periods)
        {
            var figures = await queries.FiguresAsync(hallId, period);
            Console.WriteLine($"{name}: {period} — {figures.Tickets:N0} tickets");
            foreach (var (query, run) in parts)
            {
                var samples = await TimeAsync(options.DashboardRuns, async () =>
                {
                    await using var db = new HallDbContext(dbOptions);
                    await run(db, period);
                });
                results.Add(Timing(name, period, figures.Tickets, query, samples));
            }
            var whole = await TimeAsync(options.DashboardRuns, () => queries.FiguresAsync(hallId, period));
            results.Add(Timing(name, period, figures.Tickets, "whole dashboard (all four)", whole));
        }
        return results;
    }

    private static DashboardTiming Timing(string name, DashboardPeriod period, int tickets, string query, (List<double> Wall, double Cpu) run)
    {
        var samples = run.Wall;
        var sorted = samples.Order().ToArray();
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var timing = new DashboardTiming(name, period.Days, tickets, query, Percentiles.Of(samples), p95, run.Cpu);
        Console.WriteLine($"  {query,-28} p50 {Percentiles.Ms(timing.Ms.P50),7} p95 {Percentiles.Ms(p95),7} max {Percentiles.Ms(timing.Ms.Max),7} ms; cpu {Percentiles.Ms(run.Cpu),7} ms/run");
        return timing;
    }

    private static async Task<(List<double> Wall, double Cpu)> TimeAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < 3; i++) await action(); // warm-up: compiled queries, page cache
        var samples = new List<double>(runs);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Clock.Ms(start, Stopwatch.GetTimestamp()));
        }
        process.Refresh();
        return (samples, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs);
    }

    public static string Markdown(IReadOnlyList<DashboardTiming> timings, int runs)
    {
        var text = new StringBuilder();
        text.AppendLine($"| period | days | tickets | query | p50 ms | p95 ms | max ms | CPU ms/run | ≤ {TargetMs:0} ms (p95) |");
        text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---|");
        foreach (var t in timings)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t.Period} | {t.Days} | {t.Tickets:N0} | {t.Query} | {Percentiles.Ms(t.Ms.P50)} | {Percentiles.Ms(t.P95)} | {Percentiles.Ms(t.Ms.Max)} | {Percentiles.Ms(t.CpuMs)} | {(t.P95 <= TargetMs ? "yes" : "**no**")} |"));
        text.AppendLine($"({runs} timed runs per row after 3 warm-up runs; each run opens its own DbContext, as the app does.)");
        return text.ToString();
    }

    private sealed class Factory(DbContextOptions<HallDbContext> options) : IDbContextFactory<HallDbContext>
    {
        public HallDbContext CreateDbContext() => new(options);
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
