namespace HallBoard.Benchmarks;

/// <summary>One reading of the app's memory: resident (VmRSS) and, when dotnet-gcdump is there, the managed heap after a
/// full GC.</summary>
public sealed record MemoryReading(int Pages, long ResidentKb, long? HeapBytes);

/// <summary>Server memory per idle circuit, from readings with 1 page open, then half, then all idle pages more.</summary>
/// <param name="SettleSeconds">How long each reading waited: from 131 s on, Kestrel has closed the idle keep-alive HTTP
/// connections each page load leaves (its KeepAliveTimeout), so only what an idle wall keeps is counted.</param>
public sealed record MemoryRun(string Page, int IdlePages, MemoryReading Baseline, MemoryReading Half, MemoryReading Full,
    int SettleSeconds = 8)
{
    public double ResidentPerCircuitKb => (Full.ResidentKb - Baseline.ResidentKb) / (double)IdlePages;

    public double? HeapPerCircuitKb => HeapKbPerPage(Baseline, Full);
    public double? FirstHalfHeapPerCircuitKb => HeapKbPerPage(Baseline, Half);
    public double? SecondHalfHeapPerCircuitKb => HeapKbPerPage(Half, Full);

    private static double? HeapKbPerPage(MemoryReading from, MemoryReading to) =>
        to.HeapBytes is long b && from.HeapBytes is long a ? (b - a) / 1024.0 / (to.Pages - from.Pages) : null;
}

public static class CircuitMemory
{

    /// <summary>
    /// The wall page when it is there, otherwise the queue page signed in as the hall lead (any interactive page holds
    /// one circuit). One page is opened first and kept open, so start-up costs (first render, JIT, caches) are in the
    /// baseline; then the idle pages are opened in two halves, each reading taken after the app has settled.
    /// </summary>
    public static async Task<MemoryRun> RunAsync(HallBoardProcess app, Browser browser, BenchOptions o, bool wallAvailable)
    {
        var (user, path) = wallAvailable ? (WallLatency.WallUser, WallLatency.WallPath) : ("lead", "/queue");
        if (GcHeap.Tool is null)
            Console.WriteLine("  dotnet-gcdump not found (dotnet tool install -g dotnet-gcdump): resident memory only");
        var pages = new List<Microsoft.Playwright.IPage>();
        try
        {
            pages.Add(await OpenAsync(browser, user, path));
            var baseline = await ReadAsync(app, 0, o);
            var half = o.IdlePages / 2;
            for (var i = 0; i < half; i++) pages.Add(await OpenAsync(browser, user, path));
            var middle = await ReadAsync(app, half, o);
            for (var i = half; i < o.IdlePages; i++) pages.Add(await OpenAsync(browser, user, path));
            var full = await ReadAsync(app, o.IdlePages, o);
            var run = new MemoryRun(path, o.IdlePages, baseline, middle, full, o.IdleSettleSeconds);
            Console.WriteLine($"  memory    {path} as {user}, {o.IdlePages} idle pages more:" +
                $" RSS {Mb(baseline.ResidentKb)} → {Mb(middle.ResidentKb)} → {Mb(full.ResidentKb)} MB = {run.ResidentPerCircuitKb:0} KB per circuit");
            if (run.HeapPerCircuitKb is double heap)
                Console.WriteLine($"  {"",-9} live managed heap {baseline.HeapBytes / 1048576.0:0.00} → {middle.HeapBytes / 1048576.0:0.00} → " +
                    $"{full.HeapBytes / 1048576.0:0.00} MB = {heap:0} KB per circuit (halves: {run.FirstHalfHeapPerCircuitKb:0} / {run.SecondHalfHeapPerCircuitKb:0} KB)");
            return run;
        }
        finally
        {
            foreach (var page in pages) await Browser.CloseAsync(page);
        }
    }

    private static string Mb(long kb) => (kb / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Microsoft.Playwright.IPage> OpenAsync(Browser browser, string user, string path)
    {
        var (page, problem) = await browser.SignedInPageAsync(user, path);
        if (problem is null) return page;
        await Browser.CloseAsync(page);
        throw new InvalidOperationException($"{path} as {user}: {problem}");
    }

    /// <summary>After the app has settled: the live heap (the dump forces a full GC), then the median of five RSS readings.</summary>
    private static async Task<MemoryReading> ReadAsync(HallBoardProcess app, int pages, BenchOptions o)
    {
        await Task.Delay(TimeSpan.FromSeconds(o.IdleSettleSeconds));
        var dumps = o.DumpsDirectory;
        if (dumps is not null) Directory.CreateDirectory(dumps);
        var heap = await GcHeap.LiveBytesAsync(app.ProcessId, dumps is null ? null : Path.Combine(dumps, $"idle-{pages}.gcdump"));
        var readings = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(1000);
            readings.Add(app.ResidentKb());
        }
        return new MemoryReading(pages, readings.Order().ElementAt(2), heap);
    }
}
