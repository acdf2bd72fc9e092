using HallBoard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HallBoard.Features.Audit;

/// <summary>
/// Links every audit row added in a save to its hall's chain: it takes the next position after the hall's
/// <see cref="AuditChainHead"/>, the head's last hash as its previous hash, and its own hash; the head moves on in the
/// same transaction. The save's transaction is begun here when the command has none, before the head is read: on SQLite
/// that is <c>BEGIN IMMEDIATE</c>, the database's one write lock, so a concurrent writer waits until this save commits
/// and then reads the moved head. PostgreSQL has no such lock: there the save takes a transaction-scoped advisory lock
/// per chain before reading its head, so writers of one hall's chain queue up while other halls go on. The head's last hash is also a concurrency token, so a database that lets two
/// writers read the same head refuses the second save instead of forking the chain.
/// </summary>
public sealed class AuditChain : TransactionalSaveInterceptor
{
    /// <summary>The first key of the chains' advisory locks ("HBAU"), so they cannot meet another use of advisory locks.</summary>
    private const int ChainLockSpace = 0x48424155;

    /// <summary>PostgreSQL keeps times to the microsecond, .NET to a tenth of one: the hash must be of the time as read back.</summary>
    private static DateTime AsStored(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>The head as the database has it now, even when this context read it in an earlier save.</summary>
    private static async Task<AuditChainHead?> HeadAsync(HallDbContext db, int chain, CancellationToken ct)
    {
        var tracked = db.AuditChainHeads.Local.FirstOrDefault(h => h.Chain == chain);
        if (tracked is null) return await db.AuditChainHeads.FirstOrDefaultAsync(h => h.Chain == chain, ct);
        if (db.Entry(tracked).State == EntityState.Unchanged) await db.Entry(tracked).ReloadAsync(ct);
        return tracked;
    }

    /// <summary>
    /// Within the caller's transaction, makes other writers of these chains wait until it commits: on PostgreSQL a
    /// transaction-scoped advisory lock per chain, taken in chain order as every save takes them, so two writers never
    /// wait on each other crosswise. On SQLite the transaction's write lock already does it.
    /// </summary>
    public static async Task LockChainsAsync(HallDbContext db, IEnumerable<int> chains, CancellationToken ct)
    {
        if (!db.IsPostgres()) return;
        foreach (var chain in chains.Distinct().Order())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockSpace}, {chain})", ct);
    }

    protected override async Task BeforeSaveAsync(HallDbContext db, CancellationToken ct)
    {
        var added = db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Hash is null)
            .Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        await JoinTransactionAsync(db, ct);
        var chains = added.GroupBy(e => AuditChainHead.ChainOf(e.HallId)).OrderBy(c => c.Key).ToList();
        await LockChainsAsync(db, chains.Select(c => c.Key), ct);
        foreach (var chain in chains)
        {
            var head = await HeadAsync(db, chain.Key, ct);
            if (head is null)
            {
                var genesis = AuditHash.Genesis(chain.Key);
                head = new AuditChainHead { Chain = chain.Key, LastHash = genesis, AnchorHash = genesis };
                db.AuditChainHeads.Add(head);
            }
            foreach (var entry in chain)
            {
                entry.AtUtc = AsStored(entry.AtUtc);
                entry.Seq = head.LastSeq + 1;
                entry.PrevHash = head.LastHash;
                entry.Hash = AuditHash.Of(entry);
                head.LastSeq = entry.Seq.Value;
                head.LastHash = entry.Hash;
            }
        }
    }
}
