using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HallBoard.Benchmarks;

/// <summary>
/// The app's live managed heap, read with dotnet-gcdump (a .NET global tool; ./bench.sh installs it): collecting a dump
/// makes the app run a full blocking GC first, so the figure is what the app holds, without the garbage and allocation
/// budgets that make its resident memory jump around. Null when the tool is not there or fails.
/// </summary>
public static partial class GcHeap
{
    public static string? Tool { get; } = Find();

    /// <summary>Bytes of the heap after a full collection: the report's total (it matches the GC's own heap size within a few
    /// per cent). Its table by type is for finding what holds memory (--dumps), not for adding up: rows of large objects
    /// are grouped by size, each with one size for the group.</summary>
    /// <param name="keepAs">Where to keep the dump file; null deletes it after reading.</param>
    public static async Task<long?> LiveBytesAsync(int processId, string? keepAs = null)
    {
        if (Tool is null) return null;
        var file = keepAs ?? Path.Combine(Path.GetTempPath(), $"hallboard-bench-{processId}-{Guid.NewGuid():N}.gcdump");
        try
        {
            if (await RunAsync("collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file) is null || !File.Exists(file))
                return null;
            var report = await RunAsync("report", file);
            var total = report is null ? null : HeapBytes().Match(report);
            return total is { Success: true } ? Number(total.Groups[1].Value) : null;
        }
        finally
        {
            if (keepAs is null) File.Delete(file);
        }
    }

    private static async Task<string?> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Tool!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start);
        if (process is null) return null;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        await errors;
        return process.ExitCode == 0 ? await output : null;
    }

    private static string? Find()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, "dotnet-gcdump"));
        return candidates.FirstOrDefault(File.Exists);
    }

    private static long Number(string digits) => long.Parse(digits.Replace(",", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex HeapBytes();

}
