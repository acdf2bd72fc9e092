namespace HallBoard.Features.Wall;

/// <summary>One screen's hold on its hall's snapshot: marked stale when a change is heard (from any thread),
/// read again at the screen's next tick, never older than the change that made it stale.</summary>
public sealed class WallView(WallSnapshots snapshots, int hallId, ILogger logger)
{
    private long _wanted = snapshots.Mark();
    private long _shown;

    public WallSnapshot? Current { get; private set; }

    public void MarkStale() => Interlocked.Exchange(ref _wanted, snapshots.Mark());

    /// <summary>Reads the snapshot again if it is stale; true when there is a new one to show.</summary>
    public async Task<bool> RefreshAsync()
    {
        var wanted = Interlocked.Read(ref _wanted);
        if (wanted <= _shown) return false;
        try
        {
            if (await snapshots.GetAsync(hallId, wanted) is not { } snapshot) return false;
            (Current, _shown) = (snapshot, wanted);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database was busy or away: the screen keeps what it shows until the next change or resync.
            logger.LogWarning(ex, "The wall of hall {HallId} could not read its snapshot", hallId);
            _shown = wanted;
            return false;
        }
    }
}
