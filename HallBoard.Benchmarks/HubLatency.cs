using System.Collections.Concurrent;
using System.Diagnostics;

namespace HallBoard.Benchmarks;

/// <summary>The figures of one (server, clients, rate) run.</summary>
/// <param name="SendToReceipt">From just before the change is sent (floor: broadcast call; HallBoard: POST /api/tickets) to receipt.</param>
/// <param name="PublishToReceipt">HallBoard only: from the event's atUtc (stamped when the app publishes, right after the commit) to receipt.</param>
/// <param name="ResponseToReceipt">HallBoard only: from the 201 to receipt; negative when the event overtakes the HTTP response.</param>
/// <param name="ApiCall">HallBoard only: duration of the POST itself.</param>
/// <param name="OtherEventsPerChange">Events other than TicketChanged each client received per change (HallBoard's figures, statuses, alerts).</param>
/// <param name="BenchCores">CPU the benchmark process used during the run, in cores (the clients, and the floor hub itself).</param>
/// <param name="AppCores">HallBoard only: CPU the app process used during the run, in cores.</param>
public sealed record HubRun(string Server, int Clients, int Rate, int Changes, long Expected, long Received, int FailedCalls,
    Percentiles SendToReceipt, Percentiles? PublishToReceipt = null, Percentiles? ResponseToReceipt = null, Percentiles? ApiCall = null,
    double OtherEventsPerChange = 0, double BenchCores = 0, double? AppCores = null)
{
    public double DeliveredShare => Expected == 0 ? 0 : (double)Received / Expected;
}

public static class HubLatency
{
    /// <summary>Enough for the server's hot paths to be compiled at tier 1 (30 calls, then a short delay) before measuring.</summary>
    private const int WarmUpChanges = 40;

    /// <summary>Runs every rate against an already connected swarm of the floor hub.</summary>
    public static async Task<List<HubRun>> FloorAsync(FloorServer floor, HubSwarm swarm, BenchOptions o)
    {
        var runs = new List<HubRun>();
        await PacedAsync(swarm, o.Rates.Max(), WarmUpChanges, (i, _) => floor.BroadcastAsync($"warm-{i}"));
        foreach (var rate in o.Rates)
        {
            var count = (int)Math.Round(rate * o.SecondsPerRun);
            var sent = new long[count];
            var cpu = CpuMeter.Start(null);
            var (receipts, _) = await PacedAsync(swarm, rate, count, (i, _) =>
            {
                sent[i] = Stopwatch.GetTimestamp();
                return floor.BroadcastAsync(NumberOf(i));
            });
            var latencies = new List<double>();
            foreach (var r in Firsts(receipts))
                if (IndexOf(r.Number) is int i and >= 0 && i < count) latencies.Add(Clock.Ms(sent[i], r.Timestamp));
            var (benchCores, _) = cpu.Stop();
            var run = new HubRun("floor", swarm.Count, rate, count, (long)count * swarm.Count, latencies.Count, 0, Percentiles.Of(latencies),
                BenchCores: benchCores);
            Print(run);
            runs.Add(run);
        }
        return runs;
    }

    /// <summary>Runs every rate against HallBoard: each change is a ticket taken in through the integration API.</summary>
    public static async Task<List<HubRun>> HallBoardAsync(HallBoardProcess app, HubSwarm swarm, BenchOptions o)
    {
        var runs = new List<HubRun>();
        using var api = app.ApiClient();
        await PacedAsync(swarm, o.Rates.Max(), WarmUpChanges, (i, _) => IntakeAsync(api, $"预热{i}"));
        foreach (var rate in o.Rates)
        {
            var count = (int)Math.Round(rate * o.SecondsPerRun);
            var calls = new ConcurrentDictionary<string, (long Sent, long Answered)>();
            var failed = 0;
            var cpu = CpuMeter.Start(app);
            var (receipts, otherEvents) = await PacedAsync(swarm, rate, count, async (i, _) =>
            {
                var sent = Stopwatch.GetTimestamp();
                var number = await IntakeAsync(api, $"基准{rate}-{i}");
                var answered = Stopwatch.GetTimestamp();
                if (number is null) Interlocked.Increment(ref failed);
                else calls[number] = (sent, answered);
            });

            var (benchCores, appCores) = cpu.Stop();
            List<double> fromSend = [], fromPublish = [], fromResponse = [];
            foreach (var r in Firsts(receipts))
            {
                if (!calls.TryGetValue(r.Number, out var call)) continue; // warm-up or demo tickets
                fromSend.Add(Clock.Ms(call.Sent, r.Timestamp));
                fromResponse.Add(Clock.Ms(call.Answered, r.Timestamp));
                fromPublish.Add(r.ReceivedUnixMs - r.PublishedUnixMs);
            }
            var run = new HubRun("hallboard", swarm.Count, rate, count, (long)calls.Count * swarm.Count, fromSend.Count, failed,
                Percentiles.Of(fromSend), Percentiles.Of(fromPublish), Percentiles.Of(fromResponse),
                Percentiles.Of(calls.Values.Select(c => Clock.Ms(c.Sent, c.Answered))),
                calls.Count == 0 ? 0 : otherEvents / (double)calls.Count / swarm.Count, benchCores, appCores);
            Print(run);
            runs.Add(run);
        }
        return runs;
    }

    /// <summary>POST /api/tickets (an intake, so one TicketChanged); the new ticket's number, or null on failure.</summary>
    private static async Task<string?> IntakeAsync(HttpClient api, string taxpayer) => (await TicketApi.IntakeAsync(api, taxpayer))?.Number;

    /// <summary>
    /// Sends <paramref name="count"/> changes at <paramref name="rate"/> a second on a fixed schedule (open loop: a slow
    /// change does not delay the next one), then waits for the clients to receive them, at most 10 s.
    /// </summary>
    private static async Task<(Receipt[] Receipts, long OtherEvents)> PacedAsync(HubSwarm swarm, int rate, int count,
        Func<int, CancellationToken, Task> send)
    {
        var receipts = swarm.Collect();
        swarm.TakeOtherEvents();
        var period = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * period);
            var wait = Clock.Ms(Stopwatch.GetTimestamp(), due);
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            pending.Add(send(i, CancellationToken.None));
        }
        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(30));

        // Wait until every client has every change, or nothing new arrived for 2 s, or 10 s have passed.
        var expected = (long)count * swarm.Count;
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        var last = -1;
        var lastChange = Stopwatch.GetTimestamp();
        while (receipts.Count < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
            if (receipts.Count != last) { last = receipts.Count; lastChange = Stopwatch.GetTimestamp(); }
            else if (Clock.Ms(lastChange, Stopwatch.GetTimestamp()) > 2000) break;
        }
        swarm.Collect();
        return ([.. receipts], swarm.TakeOtherEvents());
    }

    /// <summary>A client's first receipt of each number only (a ticket's later changes are not counted twice).</summary>
    private static IEnumerable<Receipt> Firsts(IEnumerable<Receipt> receipts) =>
        receipts.GroupBy(r => (r.Client, r.Number)).Select(g => g.MinBy(r => r.Timestamp));

    private static string NumberOf(int i) => $"FLOOR-{i:D6}";

    private static int? IndexOf(string number) =>
        number.StartsWith("FLOOR-", StringComparison.Ordinal) && int.TryParse(number.AsSpan(6), out var i) ? i : null;

    private static void Print(HubRun run)
    {
        var lost = run.Expected - run.Received;
        Console.WriteLine($"  {run.Server,-9} N={run.Clients,-4} {run.Rate,2}/s  send→receipt    {run.SendToReceipt}" +
            (lost > 0 ? $"  [{lost} of {run.Expected} not received]" : "") + (run.FailedCalls > 0 ? $"  [{run.FailedCalls} API calls failed]" : ""));
        if (run.PublishToReceipt is { } p) Console.WriteLine($"  {"",-9} {"",-6} {"",4}  publish→receipt {p}");
        if (run.ResponseToReceipt is { } r) Console.WriteLine($"  {"",-9} {"",-6} {"",4}  201→receipt     {r}");
        if (run.ApiCall is { } a) Console.WriteLine($"  {"",-9} {"",-6} {"",4}  POST duration   {a}");
        if (run.Server != "floor") Console.WriteLine($"  {"",-9} {"",-6} {"",4}  other events a client received per change: {run.OtherEventsPerChange:0.00}");
        Console.WriteLine($"  {"",-9} {"",-6} {"",4}  CPU in cores: benchmark process {run.BenchCores:0.00}" +
            (run.AppCores is double app ? $", app {app:0.00}" : "") + $" (of {Environment.ProcessorCount})");
    }
}

/// <summary>CPU used by this process and the app while a run lasts, in cores (CPU seconds per second).</summary>
internal sealed class CpuMeter
{
    private readonly HallBoardProcess? _app;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _self = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _appStart;

    private CpuMeter(HallBoardProcess? app)
    {
        _app = app;
        _appStart = app?.CpuTime() ?? TimeSpan.Zero;
    }

    public static CpuMeter Start(HallBoardProcess? app) => new(app);

    public (double Bench, double? App) Stop()
    {
        var seconds = Clock.Ms(_start, Stopwatch.GetTimestamp()) / 1000;
        var bench = (Process.GetCurrentProcess().TotalProcessorTime - _self).TotalSeconds / seconds;
        double? app = _app is null ? null : (_app.CpuTime() - _appStart).TotalSeconds / seconds;
        return (bench, app);
    }
}
