using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Audit;

/// <summary>The first broken link of one hall's chain: the row where it breaks (null when rows are missing at the end).</summary>
public sealed record AuditBreak(int? HallId, string HallName, long? RowId, long? Seq, DateTime? AtUtc, string Reason);

public sealed record AuditVerification(long CheckedRows, IReadOnlyList<AuditBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;

    public string Message(HallBoard.Hosting.HallTime time) => Intact
        ? $"完整：共校验 {CheckedRows} 条记录，未发现断点。"
        : string.Join("；", Breaks.Select(b =>
            $"{b.HallName}第 {b.Seq} 条" + (b.RowId is { } id ? $"（记录 #{id}，{time.Format(b.AtUtc!.Value, "yyyy-MM-dd HH:mm:ss")}）" : "") + $"：{b.Reason}"));
}

/// <summary>Walks each hall's audit chain from its anchor and reports the first row that does not fit.</summary>
public sealed class AuditVerifier(IDbContextFactory<HallDbContext> dbFactory)
{
    public const string NoHallName = "全局";

    /// <summary>Admin: every chain; a hall lead: its own hall's chain.</summary>
    public async Task<AuditVerification> VerifyAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin, Roles.HallLead);
        var scope = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Heads and rows from one moment: a row saved meanwhile would otherwise look like one past the head.
        await using var snapshot = await db.BeginReadSnapshotAsync(ct);
        var halls = await db.Halls.AsNoTracking().ToDictionaryAsync(h => h.Id, h => h.Name, ct);
        var heads = await db.AuditChainHeads.AsNoTracking().ToDictionaryAsync(h => h.Chain, ct);
        var chains = scope is int hall
            ? [AuditChainHead.ChainOf(hall)]
            : heads.Keys.Union(await db.AuditEntries.Where(a => a.Seq != null).Select(a => a.HallId ?? 0).Distinct().ToListAsync(ct))
                .Order().ToList();
        long checkedRows = 0;
        var breaks = new List<AuditBreak>();
        foreach (var chain in chains)
        {
            var hallId = AuditChainHead.HallOf(chain);
            var name = hallId is int h ? halls.GetValueOrDefault(h, $"服务厅 {h}") : NoHallName;
            var (count, broken) = await VerifyChainAsync(db, hallId, heads.GetValueOrDefault(chain), ct);
            checkedRows += count;
            if (broken is not null) breaks.Add(broken with { HallName = name });
        }
        return new AuditVerification(checkedRows, breaks);
    }

    private static async Task<(long Count, AuditBreak? Break)> VerifyChainAsync(HallDbContext db, int? hallId, AuditChainHead? head,
        CancellationToken ct)
    {
        var chain = AuditChainHead.ChainOf(hallId);
        var ofHall = db.AuditEntries.AsNoTracking().Where(a => hallId == null ? a.HallId == null : a.HallId == hallId);
        if (await ofHall.Where(a => a.Seq == null && a.Hash != null).OrderBy(a => a.Id).FirstOrDefaultAsync(ct) is { } cleared)
            return (0, Broken(cleared, "链序号被清除"));

        var expectedSeq = (head?.AnchorSeq ?? 0) + 1;
        var expectedPrev = head?.AnchorHash ?? AuditHash.Genesis(chain);
        long count = 0;
        AuditEntry? last = null;
        await foreach (var row in ofHall.Where(a => a.Seq != null).OrderBy(a => a.Seq).ThenBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (row.Seq > expectedSeq) return (count, Broken(row, $"之前缺少 {row.Seq - expectedSeq} 条记录（链序号 {expectedSeq} 起）"));
            if (row.Seq < expectedSeq) return (count, Broken(row, "链序号重复或早于清理锚点"));
            if (row.PrevHash != expectedPrev) return (count, Broken(row, "与前一条记录的哈希不衔接"));
            if (AuditHash.Of(row) != row.Hash) return (count, Broken(row, "内容与哈希不符，记录被修改"));
            expectedPrev = row.Hash;
            expectedSeq++;
            last = row;
        }
        if (head is null && last is not null)
            return (count, new AuditBreak(hallId, "", null, last.Seq, null, "缺少链头，无法确认末尾记录"));
        if (head is not null && (expectedSeq - 1 != head.LastSeq || expectedPrev != head.LastHash))
            return (count, new AuditBreak(hallId, "", null, head.LastSeq, null,
                $"末尾缺少记录：应有到链序号 {head.LastSeq}，实际只到 {expectedSeq - 1}"));
        return (count, null);
    }

    private static AuditBreak Broken(AuditEntry row, string reason) => new(row.HallId, "", row.Id, row.Seq, row.AtUtc, reason);
}
