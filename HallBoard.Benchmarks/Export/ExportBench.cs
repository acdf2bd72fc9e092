using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;
using HallBoard.Benchmarks.Data;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace HallBoard.Benchmarks.Export;

/// <summary>What one export run measured, in its own process.</summary>
public sealed record ExportRun(string Writer, int Rows, double Seconds, double CpuSeconds, double PeakRssMb, double PeakManagedMb, double AllocatedMb,
    int Gen2, double FileMb, double BaselineRssMb);

/// <summary>
/// The raw ticket export (issue 5, point 6): N tickets generated into a SQLite file, then exported by the app's
/// <see cref="TicketExport"/> and, for comparison, by a plain ClosedXML workbook. Each run is its own child process,
/// so its peak memory is its own: resident set (VmRSS) and managed heap are sampled every 5 ms from just before the
/// export starts, and reported above the process's baseline (the same process, warmed up, before the export).
/// </summary>
public static class ExportBench
{
    private const string CaseFlag = "--export-case";

    /// <summary>The dispatch hook: null unless the arguments ask for the export benchmark.</summary>
    public static Task<int>? Wants(string[] args)
    {
        if (args.Length > 0 && args[0] == CaseFlag) return CaseAsync(args);
        var only = Array.IndexOf(args, "--only");
        if (only >= 0 && only + 1 < args.Length && args[only + 1] == "export") return RunAsync(args);
        return null;
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var rowsAt = Array.IndexOf(args, "--export-rows");
        int[] counts = rowsAt >= 0 && rowsAt + 1 < args.Length
            ? [.. args[rowsAt + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]
            : [100_000, 1_000_000];
        if (counts.Any(n => n is < 1 or > 2_000_000)) throw new ArgumentException("--export-rows: 1..2,000,000");
        var variantsAt = Array.IndexOf(args, "--export-writers");
        var writers = variantsAt >= 0 && variantsAt + 1 < args.Length ? args[variantsAt + 1].Split(',') : ["streamed", "closedxml"];
        var hallsAt = Array.IndexOf(args, "--halls");
        var halls = hallsAt >= 0 && hallsAt + 1 < args.Length ? int.Parse(args[hallsAt + 1], CultureInfo.InvariantCulture) : 1;
        if (halls is < 1 or > 500) throw new ArgumentException("--halls: 1..500");
        var postgresAt = Array.IndexOf(args, "--postgres");
        var folder = Directory.CreateTempSubdirectory("hallboard-export-bench-").FullName;
        var database = postgresAt >= 0 && postgresAt + 1 < args.Length ? BenchDatabase.PostgresDatabase(args[postgresAt + 1])
            : BenchDatabase.SqliteFile(Path.Combine(folder, "export.db"));
        var tieringAt = Array.IndexOf(args, "--export-tiering");
        Tiering = (tieringAt >= 0 && tieringAt + 1 < args.Length ? args[tieringAt + 1] : "app") switch
        {
            "app" => AppTiering(),
            "on" => "1",
            "off" => "0",
            var other => throw new ArgumentException($"--export-tiering: app, on or off, not {other}"),
        };
        Console.WriteLine($"export benchmark; tiered compilation {(Tiering == "1" ? "on" : "off")}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        var runs = new List<ExportRun>();
        try
        {
            foreach (var n in counts)
            {
                var (hall, took) = await ExportData.CreateAsync(database, n, halls);
                Console.WriteLine($"{n:N0} tickets in {halls} hall(s) generated in {took.TotalSeconds:0.0} s into {database}; exporting {(hall is null ? "all halls" : "hall " + hall)}");
                // The diagnostic read is SQLite's own SQL for one hall.
                if (writers.Contains("read") && !database.IsPostgres && hall is not null) runs.Add(await ChildAsync("read", database, hall, folder));
                if (writers.Contains("streamed"))
                    for (var attempt = 1; attempt <= 2; attempt++)
                        runs.Add(await ChildAsync("streamed", database, hall, folder));
                // ClosedXML holds the whole workbook in memory: 1,000,000 rows would take many minutes and gigabytes.
                if (writers.Contains("closedxml") && n <= 100_000) runs.Add(await ChildAsync("closedxml", database, hall, folder));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        Console.WriteLine();
        Console.WriteLine("| writer | rows | time | CPU time | peak RSS above baseline | peak managed heap above baseline | allocated | gen-2 GCs | file |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Writer} | {r.Rows:N0} | {r.Seconds:0.00} s | {r.CpuSeconds:0.00} s | {r.PeakRssMb:0} MB | {r.PeakManagedMb:0} MB | {r.AllocatedMb:N0} MB | {r.Gen2} | {r.FileMb:0.0} MB |"));
        Console.WriteLine($"baseline RSS of the export process: {runs.Average(r => r.BaselineRssMb):0} MB; load average at end {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>DOTNET_TieredCompilation for the export's child processes: "0" or "1".</summary>
    private static string Tiering { get; set; } = "1";

    /// <summary>The app's own setting: HallBoard.runtimeconfig.json (built from HallBoard.csproj, copied beside the
    /// benchmark) says "System.Runtime.TieredCompilation": false when the app runs without tiering; .NET's default is on.</summary>
    private static string AppTiering()
    {
        var config = Path.Combine(Path.GetDirectoryName(typeof(TicketExport).Assembly.Location)!, "HallBoard.runtimeconfig.json");
        if (!File.Exists(config)) throw new FileNotFoundException("The app's runtimeconfig is not beside the benchmark", config);
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
               && properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiered)
               && tiered.ValueKind == JsonValueKind.False
            ? "0"
            : "1";
    }

    private static async Task<ExportRun> ChildAsync(string writer, BenchDatabase database, int? hall, string folder)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ExportBench).Assembly.Location);
        foreach (var a in new[] { CaseFlag, writer, database.Provider.ToString(), database.Target, hall?.ToString(CultureInfo.InvariantCulture) ?? "all", folder })
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_gcServer"] = "0"; // the app's default (workstation GC)
        start.Environment["DOTNET_TieredCompilation"] = Tiering; // as the app's runtimeconfig (HallBoard.csproj) unless --export-tiering says
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{writer} export did not finish within 10 minutes");
        }
        var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null) throw new InvalidOperationException($"{writer} export failed: {await error}");
        var run = JsonSerializer.Deserialize<ExportRun>(line)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {run.Writer,-9} {run.Rows,9:N0} rows {run.Seconds,6:0.00} s (CPU {run.CpuSeconds:0.00} s)  peak RSS +{run.PeakRssMb:0} MB  managed +{run.PeakManagedMb:0} MB  allocated {run.AllocatedMb:N0} MB  file {run.FileMb:0.0} MB"));
        return run;
    }

    /// <summary>In the child: warm up, take the baseline, export once while sampling memory, print the figures as JSON.</summary>
    private static async Task<int> CaseAsync(string[] args)
    {
        var (writer, database, folder) = (args[1], new BenchDatabase(Enum.Parse<DatabaseProvider>(args[2]), args[3]), args[5]);
        int? hall = args[4] == "all" ? null : int.Parse(args[4], CultureInfo.InvariantCulture);
        var options = database.Options();
        var factory = new PooledDbContextFactory<HallDbContext>(options);
        var time = new HallTime(TimeProvider.System, Options.Create(new HallOptions()));
        var export = new TicketExport(factory, time);
        var by = new Actor("bench", "基准测试");
        var all = new ExportFilter(hall, ExportData.From, ExportData.To);
        var none = new ExportFilter(hall, new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 1));
        var file = Path.Combine(folder, $"{writer}-{Environment.ProcessId}.xlsx");

        // Warm-up: the code paths run once (JIT, EF model, SQLite) on an empty range.
        await using (var warm = File.Create(file)) await Run(writer, export, factory, time, none, warm, by);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await Task.Delay(200);
        var baselineRss = Rss();
        var baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);

        long peakRss = baselineRss, peakManaged = baselineManaged;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, Rss());
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        int rows;
        await using (var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            rows = await Run(writer, export, factory, time, all, output, by);
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        stop.Cancel();
        sampler.Join();
        peakRss = Math.Max(peakRss, Rss());
        var run = new ExportRun(writer, rows, clock.Elapsed.TotalSeconds, cpuUsed.TotalSeconds, (peakRss - baselineRss) / 1e6, (peakManaged - baselineManaged) / 1e6,
            (GC.GetTotalAllocatedBytes(true) - allocated) / 1e6, GC.CollectionCount(2) - gen2, new FileInfo(file).Length / 1e6, baselineRss / 1e6);
        File.Delete(file);
        Console.WriteLine(JsonSerializer.Serialize(run));
        return 0;
    }

    private static Task<int> Run(string writer, TicketExport export, IDbContextFactory<HallDbContext> factory, HallTime time,
        ExportFilter filter, Stream output, Actor by) =>
        writer switch
        {
            "closedxml" => ClosedXmlExport.WriteAsync(factory, time, filter, output),
            "read" => ReadOnlyAsync(factory, time, filter),
            _ => export.WriteAsync(filter, output, by),
        };

    /// <summary>Diagnostic: the export's query read to the end with every column fetched, nothing written.</summary>
    private static async Task<int> ReadOnlyAsync(IDbContextFactory<HallDbContext> factory, HallTime time, ExportFilter filter)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = """
            SELECT t."Number", julianday(t."CreatedUtc"), t."Channel", t."Category", t."Kind", t."Priority", t."Status",
                   t."TaxpayerName", e."Name", julianday(t."ResponseDueUtc"), julianday(t."ResolvedUtc"), s."Level", t."FollowUpAttempts"
            FROM "Tickets" AS t LEFT JOIN "Engineers" AS e ON e."Id" = t."AssigneeId" LEFT JOIN "Satisfactions" AS s ON s."TicketId" = t."Id"
            WHERE t."CreatedUtc" >= $from AND t."CreatedUtc" < $until AND t."HallId" = $hall ORDER BY t."CreatedUtc", t."Id"
            """;
        foreach (var (name, value) in new (string, object)[] { ("$from", time.DayStartUtc(filter.From)), ("$until", time.DayStartUtc(filter.To.AddDays(1))), ("$hall", filter.HallId!.Value) })
        {
            var p = cmd.CreateParameter();
            (p.ParameterName, p.Value) = (name, value);
            cmd.Parameters.Add(p);
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            for (var c = 0; c < reader.FieldCount; c++)
                if (!reader.IsDBNull(c)) _ = c is 1 or 9 or 10 ? reader.GetDouble(c) : c == 12 ? reader.GetInt64(c) : (object)reader.GetString(c);
            rows++;
        }
        return rows;
    }

    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
