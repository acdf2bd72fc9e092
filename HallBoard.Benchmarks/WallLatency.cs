using System.Diagnostics;
using Microsoft.Playwright;

namespace HallBoard.Benchmarks;

/// <summary>Wall DOM latency: from just before POST /api/tickets to the moment the ticket shows in a wall page's DOM.</summary>
/// <param name="PublishToDom">From the TicketChanged event's atUtc (published right after the commit; read by one hub client).</param>
/// <param name="ResponseToDom">From the POST's 201.</param>
public sealed record WallRun(int Pages, int Tickets, double TicketsPerSecond, long Expected, long Seen, Percentiles Latency,
    double MaxClockOffsetMs, string? NotMeasured = null, Percentiles? PublishToDom = null, Percentiles? ResponseToDom = null);

/// <summary>
/// Opens K wall pages signed in as the demo wall account and puts a MutationObserver into each that notes, in wall-clock
/// milliseconds (performance.timeOrigin + performance.now()), when a ticket number ("GX-20260101-0001", as text or in a
/// data-number attribute) or a masked taxpayer ("某**") first appears in the DOM. Each ticket gets a taxpayer name with
/// its own first character, so it is recognised whichever of the two the wall shows. Half a period after each ticket it
/// is taken and resolved, so the waiting queue stays short and the next ticket is on the wall's first page.
/// </summary>
public static class WallLatency
{
    public const string WallUser = "wall";
    public static string WallPath => $"/wall/{HallBoardProcess.HallCode}";

    private const string Observer = """
        () => {
          if (window.__hbBench) return true;
          const seen = new Map();
          const tokens = /[A-Z]{1,8}-\d{8}-\d{4}|[\u3400-\u9fff]\*\*/g;
          const note = (token, now) => { if (!seen.has(token)) seen.set(token, now); };
          const scan = () => {
            const now = performance.timeOrigin + performance.now();
            const text = document.body ? document.body.textContent : '';
            for (const m of text.matchAll(tokens)) note(m[0], now);
            for (const e of document.querySelectorAll('[data-number]')) note(e.getAttribute('data-number'), now);
          };
          scan();
          window.__hbBench = { seen };
          new MutationObserver(scan).observe(document.documentElement,
            { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-number'] });
          return true;
        }
        """;

    private const string Now = "() => performance.timeOrigin + performance.now()";
    private const string Seen = "() => Object.fromEntries(window.__hbBench.seen)";

    /// <summary>Null when the wall page is not there (yet): prints why and the rest of the benchmark goes on.</summary>
    public static async Task<WallRun?> RunAsync(HallBoardProcess app, Browser browser, BenchOptions o)
    {
        var pages = new List<IPage>();
        try
        {
            for (var k = 0; k < o.WallPages; k++)
            {
                var (page, problem) = await browser.SignedInPageAsync(WallUser, WallPath);
                pages.Add(page);
                if (problem is not null)
                {
                    Console.WriteLine($"  wall page not available ({WallPath}: {problem}): wall DOM latency not measured");
                    return null;
                }
            }
            // Give each circuit time to start before anything is measured.
            await Task.Delay(2000);
            var offsets = new List<double>();
            foreach (var page in pages)
            {
                await page.EvaluateAsync<bool>(Observer);
                offsets.Add(await ClockOffsetAsync(page));
            }
            var maxOffset = offsets.Max(Math.Abs);
            Console.WriteLine($"  {pages.Count} wall pages open; browser clock − .NET clock: {string.Join(", ", offsets.Select(x => $"{x:0.00}"))} ms");

            using var api = app.ApiClient();
            if (await ProbeAsync(api, pages) is { } notLive)
            {
                Console.WriteLine($"  wall page not usable for the latency: {notLive}");
                return new WallRun(pages.Count, 0, o.WallTicketsPerSecond, 0, 0, Percentiles.Empty, maxOffset, notLive);
            }

            // One hub client tells when each ticket's change was published (its atUtc).
            await using var hub = await HubSwarm.ConnectAsync(new Uri(app.BaseUrl, "hubs/hall"), 1, HallBoardProcess.ApiKey,
                HallBoardProcess.HallCode, TimeSpan.FromSeconds(30));
            var published = hub.Collect();

            var sent = new List<(double SentMs, double AnsweredMs, string Number, string Marker)>();
            var period = Stopwatch.Frequency / o.WallTicketsPerSecond;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < o.WallTickets; i++)
            {
                await UntilAsync(start + (long)(i * period));
                var marker = Marker(i);
                var sentMs = Clock.NowUnixMs();
                var ticket = await TicketApi.IntakeAsync(api, $"{marker}测试户", "Urgent");
                var answeredMs = Clock.NowUnixMs();
                if (ticket is null) continue;
                sent.Add((sentMs, answeredMs, ticket.Number, $"{marker}**"));
                // Half a period later, out of the way of the next ticket (the wall coalesces renders).
                await UntilAsync(start + (long)((i + 0.5) * period));
                await TicketApi.TakeAndResolveAsync(api, ticket.Id);
            }
            await Task.Delay(1500);

            var publishedAt = published.GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.Min(r => r.PublishedUnixMs));
            List<double> latencies = [], fromPublish = [], fromResponse = [];
            for (var k = 0; k < pages.Count; k++)
            {
                var seen = await pages[k].EvaluateAsync<Dictionary<string, double>>(Seen);
                foreach (var (sentMs, answeredMs, number, marker) in sent)
                {
                    var at = new[] { number, marker }.Where(seen.ContainsKey).Select(t => seen[t] - offsets[k]).DefaultIfEmpty(double.NaN).Min();
                    // A token that was on the page before the ticket existed is not this ticket.
                    if (double.IsNaN(at) || at < sentMs - 1) continue;
                    latencies.Add(at - sentMs);
                    fromResponse.Add(at - answeredMs);
                    if (publishedAt.TryGetValue(number, out var publishedMs)) fromPublish.Add(at - publishedMs);
                }
            }
            var run = new WallRun(pages.Count, sent.Count, o.WallTicketsPerSecond, (long)sent.Count * pages.Count, latencies.Count,
                Percentiles.Of(latencies), maxOffset, null, Percentiles.Of(fromPublish), Percentiles.Of(fromResponse));
            var missing = run.Expected - run.Seen;
            Console.WriteLine($"  wall DOM  K={run.Pages} {run.Tickets} tickets at {run.TicketsPerSecond}/s  send→DOM  {run.Latency}" +
                (missing > 0 ? $"  [{missing} of {run.Expected} never appeared]" : ""));
            Console.WriteLine($"  {"",-9} {"",-34} publish→DOM {run.PublishToDom}");
            Console.WriteLine($"  {"",-9} {"",-34} 201→DOM     {run.ResponseToDom}");
            return run;
        }
        finally
        {
            foreach (var page in pages) await Browser.CloseAsync(page);
        }
    }

    /// <summary>One ticket that every page must show within 15 s, or the wall does not update live (yet).</summary>
    private static async Task<string?> ProbeAsync(HttpClient api, List<IPage> pages)
    {
        var probe = await TicketApi.IntakeAsync(api, "蘑测试户", "Urgent");
        if (probe is null) return "the probe ticket could not be created";
        try
        {
            var until = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
            while (Stopwatch.GetTimestamp() < until)
            {
                var shown = 0;
                foreach (var page in pages)
                {
                    var seen = await page.EvaluateAsync<Dictionary<string, double>>(Seen);
                    if (seen.ContainsKey(probe.Number) || seen.ContainsKey("蘑**")) shown++;
                }
                if (shown == pages.Count) return null;
                await Task.Delay(200);
            }
            return $"a new ticket ({probe.Number}, taxpayer 蘑**) did not appear on every wall page within 15 s";
        }
        finally
        {
            await TicketApi.TakeAndResolveAsync(api, probe.Id);
            await Task.Delay(1000);
        }
    }

    /// <summary>The browser's wall clock minus this process's, from the reading with the shortest round trip.</summary>
    private static async Task<double> ClockOffsetAsync(IPage page)
    {
        var best = (RoundTrip: double.MaxValue, Offset: 0.0);
        for (var i = 0; i < 7; i++)
        {
            var before = Clock.NowUnixMs();
            var browserNow = await page.EvaluateAsync<double>(Now);
            var after = Clock.NowUnixMs();
            if (after - before < best.RoundTrip) best = (after - before, browserNow - (before + after) / 2);
        }
        return best.Offset;
    }

    /// <summary>A first character no other ticket of the run has, from a block of ordinary CJK characters.</summary>
    private static char Marker(int i) => (char)(0x5000 + 3 * i);

    private static async Task UntilAsync(long timestamp)
    {
        var wait = Clock.Ms(Stopwatch.GetTimestamp(), timestamp);
        if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
    }
}
