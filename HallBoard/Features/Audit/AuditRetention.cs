using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Audit;

public sealed class AuditOptions
{
    public const int MinRetentionDays = 184;

    /// <summary>Rows younger than this are never purged; less than 184 is refused at start-up.</summary>
    public int RetentionDays { get; set; } = MinRetentionDays;

    /// <summary>Folder of the archive files (one .jsonl per purge), relative to the app's folder.</summary>
    public string ArchivePath { get; set; } = Path.Combine("data", "audit-archive");
}

public sealed record AuditPurge(int Rows, string? ArchiveFile);

/// <summary>
/// Deletes audit rows older than the retention, only after they are written (with their hashes) to an archive file.
/// A chain is cut after its last old row, so no kept row loses its predecessor unnoticed: that row's hash becomes the
/// chain head's anchor, and verify starts from it.
/// </summary>
public sealed class AuditRetention(IDbContextFactory<HallDbContext> dbFactory, IOptions<AuditOptions> options, HallTime time,
    IHostEnvironment env)
{
    public async Task<AuditPurge> PurgeAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow;
        var cutoff = now.AddDays(-Math.Max(options.Value.RetentionDays, AuditOptions.MinRetentionDays));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lastOld = await db.AuditEntries.Where(a => a.AtUtc < cutoff && a.Seq != null)
            .GroupBy(a => a.HallId).Select(g => new { Hall = g.Key, Seq = g.Max(a => a.Seq) }).ToListAsync(ct);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.AtUtc < cutoff && a.Seq == null).ToListAsync(ct);
        foreach (var chain in lastOld)
            rows.AddRange(await db.AuditEntries.AsNoTracking().Where(a => a.HallId == chain.Hall && a.Seq <= chain.Seq).ToListAsync(ct));
        if (rows.Count == 0) return new AuditPurge(0, null);
        // The heads are moved below and the purge's own entry joins the global chain: writers of those chains wait, or
        // a save in between would leave this purge's head out of date and refuse it until the next day.
        await AuditChain.LockChainsAsync(db, [AuditChainHead.ChainOf(null), .. lastOld.Select(c => AuditChainHead.ChainOf(c.Hall))], ct);

        var file = await ArchiveAsync(rows.OrderBy(a => a.Id).ToList(), now, ct);
        foreach (var chain in lastOld)
        {
            var key = AuditChainHead.ChainOf(chain.Hall);
            var head = await db.AuditChainHeads.SingleAsync(h => h.Chain == key, ct);
            var anchor = rows.Single(a => a.HallId == chain.Hall && a.Seq == chain.Seq);
            head.AnchorSeq = anchor.Seq!.Value;
            head.AnchorHash = anchor.Hash!;
        }
        foreach (var chunk in rows.Select(a => a.Id).Chunk(500))
            await db.AuditEntries.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync(ct);
        db.Audit(Actor.System, now, "清理审计日志", "AuditLog", Path.GetFileName(file),
            after: $"已归档并删除 {rows.Count} 条 {time.Format(cutoff, "yyyy-MM-dd")} 之前的记录");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AuditPurge(rows.Count, file);
    }

    /// <summary>Writes and flushes to disk before anything is deleted; a failed write stops the purge.</summary>
    private async Task<string> ArchiveAsync(IReadOnlyList<AuditEntry> rows, DateTime now, CancellationToken ct)
    {
        var folder = options.Value.ArchivePath;
        if (!Path.IsPathRooted(folder)) folder = Path.Combine(env.ContentRootPath, folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"audit-{now:yyyyMMdd-HHmmss}.jsonl");
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(stream))
        {
            foreach (var a in rows)
                await writer.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    a.Id, a.AtUtc, a.HallId, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After,
                    a.Seq, a.PrevHash, a.Hash,
                }));
            await writer.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }
        return path;
    }
}

/// <summary>Runs the purge at start and then once a day.</summary>
public sealed class AuditPurgeService(AuditRetention retention, TimeProvider clock, ILogger<AuditPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var schedule = new ClockSchedule(clock, TimeSpan.FromDays(1));
        do
        {
            try
            {
                var purge = await retention.PurgeAsync(ct);
                if (purge.Rows > 0) logger.LogInformation("审计日志清理：归档并删除 {Rows} 条，归档文件 {File}", purge.Rows, purge.ArchiveFile);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "审计日志清理失败，未删除任何记录");
            }
        } while (await schedule.WaitAsync(ct));
    }
}
