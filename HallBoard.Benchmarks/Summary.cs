using System.Globalization;
using System.Text;

namespace HallBoard.Benchmarks;

/// <summary>The figures as Markdown tables, against the targets of issue 3 (ready to paste into docs/benchmarks.md).</summary>
public static class Summary
{
    public const double RatioTarget = 1.5;
    public const double P99TargetAt500Ms = 50;
    public const double WallP99TargetMs = 100;
    public const double CircuitTargetKb = 300;

    public static string Markdown(string machine, string? chromium, BenchOptions o, List<HubRun> floor, List<HubRun> hub,
        WallRun? wall, MemoryRun? memory, bool wallAvailable)
    {
        var s = new StringBuilder();
        s.AppendLine($"Machine: {machine}" + (chromium is null ? "" : $", Chromium {chromium}"));
        s.AppendLine();

        if (floor.Count + hub.Count > 0)
        {
            s.AppendLine("Hub clients, latency in ms (send→receipt: from just before the change is sent — floor: the broadcast call; HallBoard: POST /api/tickets — to the client's receipt):");
            s.AppendLine();
            s.AppendLine("| clients | changes/s | floor p50 / p90 / p99 / max | HallBoard p50 / p90 / p99 / max | ratio p50 | ratio p99 | p99 target | met |");
            s.AppendLine("|---:|---:|---|---|---:|---:|---|---|");
            foreach (var (n, rate) in Pairs(floor, hub))
            {
                var f = floor.FirstOrDefault(r => r.Clients == n && r.Rate == rate);
                var h = hub.FirstOrDefault(r => r.Clients == n && r.Rate == rate);
                var target = Target(n, f);
                s.AppendLine($"| {n} | {rate} | {Row(f?.SendToReceipt)}{Lost(f)} | {Row(h?.SendToReceipt)}{Lost(h)} | " +
                    $"{Ratio(h?.SendToReceipt.P50, f?.SendToReceipt.P50)} | {Ratio(h?.SendToReceipt.P99, f?.SendToReceipt.P99)} | " +
                    $"{target.Text} | {Met(h?.SendToReceipt.P99, target.Ms)} |");
            }
            if (hub.Count > 0)
            {
                s.AppendLine();
                s.AppendLine("HallBoard in detail (publish→receipt: from the event's atUtc, stamped when the app publishes right after the commit; 201→receipt is negative when the event overtakes the HTTP answer):");
                s.AppendLine();
                s.AppendLine("| clients | changes/s | publish→receipt p50 / p90 / p99 / max | ratio p50 | ratio p99 | met | 201→receipt p50 / p99 | POST p50 / p99 | other events per change | CPU cores app / clients | delivered |");
                s.AppendLine("|---:|---:|---|---:|---:|---|---|---|---:|---|---:|");
                foreach (var h in hub)
                {
                    var f = floor.FirstOrDefault(r => r.Clients == h.Clients && r.Rate == h.Rate);
                    var target = Target(h.Clients, f);
                    s.AppendLine($"| {h.Clients} | {h.Rate} | {Row(h.PublishToReceipt)} | {Ratio(h.PublishToReceipt?.P50, f?.SendToReceipt.P50)} | " +
                        $"{Ratio(h.PublishToReceipt?.P99, f?.SendToReceipt.P99)} | {Met(h.PublishToReceipt?.P99, target.Ms)} | " +
                        $"{Ms(h.ResponseToReceipt?.P50)} / {Ms(h.ResponseToReceipt?.P99)} | {Ms(h.ApiCall?.P50)} / {Ms(h.ApiCall?.P99)} | " +
                        $"{h.OtherEventsPerChange.ToString("0.0", CultureInfo.InvariantCulture)} | " +
                        $"{h.AppCores?.ToString("0.00", CultureInfo.InvariantCulture)} / {h.BenchCores.ToString("0.00", CultureInfo.InvariantCulture)} | " +
                        $"{h.DeliveredShare.ToString("0.0%", CultureInfo.InvariantCulture)}{(h.FailedCalls > 0 ? $", {h.FailedCalls} calls failed" : "")} |");
                }
            }
            s.AppendLine();
        }

        if (o.Runs("wall"))
        {
            if (wall is null)
                s.AppendLine("Wall DOM latency: wall page not available — not measured.");
            else if (wall.NotMeasured is not null)
                s.AppendLine($"Wall DOM latency: not measured — {wall.NotMeasured}.");
            else
            {
                s.AppendLine($"Wall DOM latency, ms ({wall.Pages} wall pages, {wall.Tickets} tickets at {wall.TicketsPerSecond}/s" +
                    (wall.Expected > wall.Seen ? $"; {wall.Expected - wall.Seen} of {wall.Expected} never appeared" : "") +
                    $"; largest browser/.NET clock offset {wall.MaxClockOffsetMs:0.00} ms, corrected):");
                s.AppendLine();
                s.AppendLine("| from | p50 / p90 / p99 / max | target p99 | met |");
                s.AppendLine("|---|---|---|---|");
                s.AppendLine($"| POST sent → ticket in the DOM | {Row(wall.Latency)} | ≤ {WallP99TargetMs} | {Met(wall.Latency.P99, WallP99TargetMs)} |");
                s.AppendLine($"| published (atUtc) → DOM | {Row(wall.PublishToDom)} | ≤ {WallP99TargetMs} | {Met(wall.PublishToDom?.P99, WallP99TargetMs)} |");
                s.AppendLine($"| 201 answered → DOM | {Row(wall.ResponseToDom)} | | |");
            }
            s.AppendLine();
        }
        if (memory is not null)
        {
            var page = $"{memory.Page}{(wallAvailable ? "" : ", the wall page not being there")}";
            var keepAlive = memory.SettleSeconds > 130
                ? $"; read {memory.SettleSeconds} s after the pages opened: the page loads' idle HTTP connections closed"
                : $"; read {memory.SettleSeconds} s after the pages opened: the page loads' idle HTTP connections still open (Kestrel keeps them 130 s)";
            s.AppendLine($"Server memory per idle circuit ({page}; {memory.IdlePages} idle pages opened after 1{keepAlive}):");
            s.AppendLine();
            s.AppendLine("| measure | with 1 page | + half | + all | per circuit | target | met |");
            s.AppendLine("|---|---:|---:|---:|---:|---|---|");
            if (memory.HeapPerCircuitKb is double heap)
                s.AppendLine($"| live managed heap after a full GC (dotnet-gcdump) | {Mb(memory.Baseline.HeapBytes)} MB | {Mb(memory.Half.HeapBytes)} MB | " +
                    $"{Mb(memory.Full.HeapBytes)} MB | {heap:0} KB | ≤ {CircuitTargetKb} KB | {Met(heap, CircuitTargetKb)} |");
            s.AppendLine($"| resident memory (VmRSS) | {memory.Baseline.ResidentKb / 1024.0:0.0} MB | {memory.Half.ResidentKb / 1024.0:0.0} MB | " +
                $"{memory.Full.ResidentKb / 1024.0:0.0} MB | {memory.ResidentPerCircuitKb:0} KB | ≤ {CircuitTargetKb} KB | {Met(memory.ResidentPerCircuitKb, CircuitTargetKb)} |");
        }
        return s.ToString();
    }

    private static IEnumerable<(int N, int Rate)> Pairs(List<HubRun> floor, List<HubRun> hub) =>
        floor.Concat(hub).Select(r => (r.Clients, r.Rate)).Distinct().OrderBy(p => p.Clients).ThenBy(p => p.Rate);

    /// <summary>p99 ≤ 1.5 × the floor's p99, and ≤ 50 ms at 500 clients.</summary>
    private static (double? Ms, string Text) Target(int clients, HubRun? floor)
    {
        double? relative = floor is null ? null : RatioTarget * floor.SendToReceipt.P99;
        var absolute = clients >= 500 ? P99TargetAt500Ms : (double?)null;
        var ms = (relative, absolute) switch
        {
            (double r, double a) => Math.Min(r, a),
            (double r, null) => r,
            (null, double a) => a,
            _ => (double?)null,
        };
        var text = ms is null ? "–" : $"≤ {Ms(ms)}" + (absolute is not null ? $" (1.5× floor, ≤ {absolute:0})" : " (1.5× floor)");
        return (ms, text);
    }

    private static string Row(Percentiles? p) => p is null || p.Count == 0
        ? "–"
        : $"{Ms(p.P50)} / {Ms(p.P90)} / {Ms(p.P99)} / {Ms(p.Max)}";

    private static string Lost(HubRun? r) => r is null || r.Received >= r.Expected ? "" : $" ({r.Expected - r.Received} lost)";

    private static string Ratio(double? a, double? b) =>
        a is double x && b is double y && y > 0 && !double.IsNaN(x) ? (x / y).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Met(double? value, double? target) => value is double v && target is double t && !double.IsNaN(v)
        ? (v <= t ? "yes" : "**no**")
        : "–";

    private static string Mb(long? bytes) => bytes is long b ? (b / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double? ms) => ms is double v ? Percentiles.Ms(v) : "–";
}
