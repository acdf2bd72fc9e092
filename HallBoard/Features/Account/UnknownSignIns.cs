using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Account;

/// <summary>
/// Failed sign-ins with names that do not exist (and attempts refused by the address throttle) are not written
/// one by one, or a script could flood the audit: they are counted per address and minute and written as one
/// row when the minute is over (by <see cref="UnknownSignInFlusher"/>, and at shutdown).
/// </summary>
public sealed class UnknownSignIns(IDbContextFactory<HallDbContext> dbFactory, TimeProvider clock)
{
    public const string Action = "登录失败（汇总）";
    public static readonly Actor Someone = new("unknown", "未知用户");
    private const int NamesKept = 5;
    private const int NameChars = 32;

    private sealed class Bucket
    {
        public int Unknown;
        public int Throttled;
        public readonly List<string> Names = [];
    }

    private readonly Dictionary<(string Address, DateTime Minute), Bucket> _buckets = [];

    public void AddUnknownName(string address, string name) => Add(address, b =>
    {
        b.Unknown++;
        var shown = name.Length > NameChars ? name[..NameChars] + "…" : name;
        if (b.Names.Count < NamesKept && !b.Names.Contains(shown)) b.Names.Add(shown);
    });

    public void AddThrottled(string address) => Add(address, b => b.Throttled++);

    private void Add(string address, Action<Bucket> count)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        lock (_buckets)
        {
            if (!_buckets.TryGetValue((address, minute), out var bucket)) _buckets[(address, minute)] = bucket = new Bucket();
            count(bucket);
        }
    }

    /// <summary>Writes one audit row per address for every minute that has ended (every minute when <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all = false, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<KeyValuePair<(string Address, DateTime Minute), Bucket>> due;
        lock (_buckets)
        {
            due = [.. _buckets.Where(b => all || b.Key.Minute.AddMinutes(1) <= now)];
            foreach (var (key, _) in due) _buckets.Remove(key);
        }
        if (due.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var ((address, minute), bucket) in due.OrderBy(d => d.Key.Minute))
        {
            var parts = new List<string>();
            if (bucket.Unknown > 0) parts.Add($"不存在的用户名 {bucket.Unknown} 次（{string.Join("、", bucket.Names)}）");
            if (bucket.Throttled > 0) parts.Add($"因失败过多被拒绝 {bucket.Throttled} 次");
            db.Audit(Someone, minute.AddMinutes(1), Action, "User", address, $"{minute:yyyy-MM-dd HH:mm} UTC 起 1 分钟",
                string.Join("；", parts));
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Writes the finished minutes of <see cref="UnknownSignIns"/> every half minute, and the rest at shutdown.</summary>
public sealed class UnknownSignInFlusher(UnknownSignIns signIns, TimeProvider clock, ILogger<UnknownSignInFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = new ClockSchedule(clock, TimeSpan.FromSeconds(30));
        try
        {
            while (await schedule.WaitAsync(stoppingToken)) await FlushAsync(all: false, stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true, cancellationToken);
    }

    private async Task FlushAsync(bool all, CancellationToken ct)
    {
        try { await signIns.FlushAsync(all, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Could not write the sign-in failure summary"); }
    }
}
