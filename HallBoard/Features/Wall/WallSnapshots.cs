using System.Collections.Concurrent;

namespace HallBoard.Features.Wall;

/// <summary>
/// Snapshots shared by every wall screen of a hall, so a change read by fifty screens costs one read.
/// A screen that hears of a change takes a <see cref="Mark"/>; asking with that mark returns only a snapshot
/// whose read began after it, so no screen is handed data older than the change it heard of.
/// </summary>
public sealed class WallSnapshots(WallQueries queries)
{
    private readonly ConcurrentDictionary<int, Read> _latest = new();
    private long _marks;

    public long Mark() => Interlocked.Increment(ref _marks);

    public Task<WallSnapshot?> GetAsync(int hallId, long freshAfterMark)
    {
        while (true)
        {
            var seen = _latest.TryGetValue(hallId, out var read) ? read : null;
            if (seen is not null && seen.StartedAt >= freshAfterMark && !seen.Snapshot.IsFaulted && !seen.Snapshot.IsCanceled)
                return seen.Snapshot;
            var next = new Read(Interlocked.Read(ref _marks), hallId, queries);
            var stored = seen is null ? _latest.TryAdd(hallId, next) : _latest.TryUpdate(hallId, next, seen);
            if (stored) return next.Snapshot;
        }
    }

    private sealed class Read(long startedAt, int hallId, WallQueries queries)
    {
        private readonly Lazy<Task<WallSnapshot?>> _snapshot = new(() => queries.SnapshotAsync(hallId));

        public long StartedAt { get; } = startedAt;
        public Task<WallSnapshot?> Snapshot => _snapshot.Value;
    }
}
