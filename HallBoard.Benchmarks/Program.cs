using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using HallBoard.Benchmarks;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// A hard stop for the whole run: nothing here should take more than a quarter of an hour.
using var watchdog = new Timer(_ =>
{
    Console.Error.WriteLine("benchmark stopped: it ran for more than 15 minutes");
    Environment.Exit(3);
}, null, TimeSpan.FromMinutes(15), Timeout.InfiniteTimeSpan);

var root = options.AppRoot ?? RepoRoot();
var machine = Machine.Describe();
Console.WriteLine($"HallBoard live-path benchmark — {machine}");
Console.WriteLine($"clients {string.Join("/", options.Clients)}, rates {string.Join("/", options.Rates)} a second, {options.SecondsPerRun} s each; parts: {string.Join(", ", BenchOptions.AllParts.Where(options.Runs))}");
var clock = Stopwatch.StartNew();
var loadAtStart = Machine.LoadAverage();
Console.WriteLine($"load average at start: {loadAtStart} (other work on the machine shows in every figure)");

var floorRuns = new List<HubRun>();
var hubRuns = new List<HubRun>();
WallRun? wall = null;
MemoryRun? memory = null;
string? chromium = null;
var wallAvailable = false;

if (options.Runs("floor") || options.Runs("hub"))
{
    foreach (var n in options.Clients)
    {
        if (options.Runs("floor"))
        {
            Console.WriteLine($"floor hub, {n} clients");
            await using var floor = await FloorServer.StartAsync();
            await using var swarm = await HubSwarm.ConnectAsync(floor.HubUrl, n, accessToken: null, joinHall: null, TimeSpan.FromSeconds(60));
            floorRuns.AddRange(await HubLatency.FloorAsync(floor, swarm, options));
        }
        if (options.Runs("hub"))
        {
            // A fresh app (and database) for each client count, so every run starts from the same queue.
            Console.WriteLine($"HallBoard /hubs/hall, {n} clients");
            await using var app = await HallBoardProcess.StartAsync(root, options.Configuration);
            await using var swarm = await HubSwarm.ConnectAsync(new Uri(app.BaseUrl, "hubs/hall"), n,
                HallBoardProcess.ApiKey, HallBoardProcess.HallCode, TimeSpan.FromSeconds(90));
            hubRuns.AddRange(await HubLatency.HallBoardAsync(app, swarm, options));
        }
    }
}

if (options.Runs("wall") || options.Runs("memory"))
{
    if (options.Runs("wall"))
    {
        Console.WriteLine("wall DOM latency (Chromium)");
        await using var app = await HallBoardProcess.StartAsync(root, options.Configuration);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        if (browser is not null)
        {
            chromium = browser.Version;
            wall = await WallLatency.RunAsync(app, browser, options);
            wallAvailable = wall is not null;
        }
    }
    else
    {
        wallAvailable = true; // memory alone: try the wall page, fall back below if it is not there
    }
    if (options.Runs("memory"))
    {
        Console.WriteLine("server memory per idle circuit");
        await using var app = await HallBoardProcess.StartAsync(root, options.Configuration);
        await using var browser = await Browser.LaunchAsync(app.BaseUrl);
        if (browser is not null)
        {
            chromium = browser.Version;
            if (!options.Runs("wall")) wallAvailable = await WallPageThereAsync(browser);
            memory = await CircuitMemory.RunAsync(app, browser, options, wallAvailable);
        }
    }
}

Console.WriteLine();
Console.WriteLine(Summary.Markdown(machine, chromium, options, floorRuns, hubRuns, wall, memory, wallAvailable));
var loadAtEnd = Machine.LoadAverage();
Console.WriteLine($"total time {clock.Elapsed.TotalSeconds:0} s; load average (1, 5, 15 min) at start {loadAtStart}, at end {loadAtEnd}");

if (options.ResultsFile is { } file)
{
    var json = JsonSerializer.Serialize(new { machine, chromium, loadAtStart, loadAtEnd, floorRuns, hubRuns, wall, memory }, new JsonSerializerOptions { WriteIndented = true });
    await File.WriteAllTextAsync(file, json);
    Console.WriteLine($"figures written to {file}");
}
return 0;

static async Task<bool> WallPageThereAsync(Browser browser)
{
    var (page, problem) = await browser.SignedInPageAsync(WallLatency.WallUser, WallLatency.WallPath);
    await Browser.CloseAsync(page);
    return problem is null;
}

static string RepoRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HallBoard.sln"))) return dir.FullName;
    throw new InvalidOperationException("run the benchmark inside the repository (HallBoard.sln not found)");
}

/// <summary>What the figures were measured on.</summary>
static class Machine
{
    public static string Describe()
    {
        var memKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var mem = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GB RAM" : "RAM unknown";
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "cpu unknown";
        return $"{Environment.ProcessorCount} cores ({cpu}), {mem}, {RuntimeInformation.FrameworkDescription} (SDK {Sdk()}), {RuntimeInformation.OSDescription}";
    }

    private static string Sdk()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p is null || !p.WaitForExit(10_000)) return "unknown";
            return p.StandardOutput.ReadToEnd().Trim();
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }

    public static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
