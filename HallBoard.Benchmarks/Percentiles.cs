using System.Diagnostics;
using System.Globalization;

namespace HallBoard.Benchmarks;

/// <summary>Latency figures of one series, in milliseconds (nearest-rank percentiles).</summary>
public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max)
{
    public static readonly Percentiles Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return Empty;
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1]);
    }

    public override string ToString() => Count == 0
        ? "no samples"
        : $"p50 {Ms(P50)}  p90 {Ms(P90)}  p99 {Ms(P99)}  max {Ms(Max)}  (n={Count})";

    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}

public static class Clock
{
    /// <summary>Milliseconds between two <see cref="Stopwatch.GetTimestamp"/> readings of this process.</summary>
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Wall-clock milliseconds since the Unix epoch, with sub-millisecond digits (comparable to a browser's
    /// performance.timeOrigin + performance.now() and to the app's atUtc on the same machine).</summary>
    public static double UnixMs(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerMillisecond;

    public static double NowUnixMs() => UnixMs(DateTime.UtcNow);
}
