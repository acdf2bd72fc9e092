using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Data;

public static class ReadSnapshot
{
    /// <summary>
    /// Puts the context's following reads into one transaction that sees the database as of its first read, for reads
    /// that must agree with each other while writers go on (a chain head and the rows behind it). On SQLite the
    /// transaction is deferred: it takes no write lock, and WAL keeps its reads on one snapshot. Dispose to end it.
    /// </summary>
    public static async Task<DbTransaction> BeginReadSnapshotAsync(this HallDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.GetDbConnection() is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await db.Database.GetDbConnection().BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }
}
