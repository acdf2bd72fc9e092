namespace HallBoard.Features.Wall;

/// <summary>One screen's hold on its hall's shared snapshot: marked stale when a change is heard (from any thread),
/// read again when the screen next draws, never older than the change that made it stale. The screen always holds the
/// newest read (so the screens of a hall share one copy), but one whose content is the same as what it shows does
/// not count as new, so the screen is not drawn again for nothing.</summary>
public sealed class WallView(WallSnapshots snapshots, int hallId, ILogger logger)
{
    private long _wanted = snapshots.Mark();
    private long _shown;

    public WallSnapshot? Current { get; private set; }

    public bool IsStale => Interlocked.Read(ref _wanted) > _shown;

    public void MarkStale() => Interlocked.Exchange(ref _wanted, snapshots.Mark());

    /// <summary>Reads the snapshot again if it is stale; true when there is something new to show.</summary>
    public async Task<bool> RefreshAsync()
    {
        var wanted = Interlocked.Read(ref _wanted);
        if (wanted <= _shown) return false;
        var shown = await TakeAsync(snapshots.GetAsync(hallId, wanted));
        _shown = wanted;
        return shown;
    }

    /// <summary>Checks the hall again without a change notice (one may have been missed), sharing any read that
    /// began at or after <paramref name="notBeforeUtc"/>; true when there is something new to show.</summary>
    public Task<bool> ResyncAsync(DateTimeOffset notBeforeUtc) => TakeAsync(snapshots.GetRecentAsync(hallId, notBeforeUtc));

    private async Task<bool> TakeAsync(Task<WallSnapshot?> read)
    {
        try
        {
            if (await read is not { } snapshot || ReferenceEquals(snapshot, Current)) return false;
            var same = Current is { } current && current.SameAs(snapshot);
            Current = snapshot;
            return !same;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database was busy or away: the screen keeps what it shows until the next change or resync.
            logger.LogWarning(ex, "The wall of hall {HallId} could not read its snapshot", hallId);
            return false;
        }
    }
}
