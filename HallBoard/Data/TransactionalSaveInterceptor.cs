using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace HallBoard.Data;

/// <summary>
/// A save interceptor that writes more rows inside the save's own transaction: <see cref="BeforeSaveAsync"/> runs before
/// every save, and <see cref="JoinTransactionAsync"/> begins a transaction there when the command has none. This base then
/// commits that transaction after the save, or rolls it back when the save fails or is cancelled, so the extra rows and
/// the command's rows commit or vanish together.
/// </summary>
public abstract class TransactionalSaveInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = [];

    protected abstract Task BeforeSaveAsync(HallDbContext db, CancellationToken ct);

    /// <summary>Begins the save's transaction unless the command already runs one (which then commits as the command says).</summary>
    protected async Task JoinTransactionAsync(HallDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) _owned.AddOrUpdate(db, await db.Database.BeginTransactionAsync(ct));
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is HallDbContext db) await BeforeSaveAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is HallDbContext db) BeforeSaveAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && _owned.TryGetValue(db, out var tx))
        {
            _owned.Remove(db);
            await tx.CommitAsync(ct);
            await tx.DisposeAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default) =>
        RollBackAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBackAsync(eventData.Context).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken ct = default) =>
        RollBackAsync(eventData.Context);

    private async Task RollBackAsync(DbContext? db)
    {
        if (db is null || !_owned.TryGetValue(db, out var tx)) return;
        _owned.Remove(db);
        await tx.RollbackAsync();
        await tx.DisposeAsync();
    }
}
