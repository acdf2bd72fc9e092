using System.Collections.Concurrent;

namespace HallBoard.Features.Wall;

/// <summary>
/// Snapshots shared by every wall screen of a hall, so a change read by fifty screens costs one read and the
/// screens hold one copy of it between them. A screen that hears of a change takes a <see cref="Mark"/>; asking with
/// that mark returns only a snapshot whose read began after it, so no screen is handed data older than the change it
/// heard of. A screen that only checks now and then (<see cref="GetRecentAsync"/>) takes the latest read if it is
/// recent enough, so idle screens share one read too.
/// </summary>
public sealed class WallSnapshots(WallQueries queries, TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, Read> _latest = new();
    private long _marks;

    public long Mark() => Interlocked.Increment(ref _marks);

    public Task<WallSnapshot?> GetAsync(int hallId, long freshAfterMark) =>
        GetAsync(hallId, read => read.StartedAt >= freshAfterMark);

    /// <summary>The latest snapshot if its read began at or after <paramref name="notBeforeUtc"/>, else a new read.</summary>
    public Task<WallSnapshot?> GetRecentAsync(int hallId, DateTimeOffset notBeforeUtc) =>
        GetAsync(hallId, read => read.StartedUtc >= notBeforeUtc);

    private Task<WallSnapshot?> GetAsync(int hallId, Func<Read, bool> fresh)
    {
        while (true)
        {
            var seen = _latest.TryGetValue(hallId, out var read) ? read : null;
            if (seen is not null && fresh(seen) && !seen.Snapshot.IsFaulted && !seen.Snapshot.IsCanceled)
                return seen.Snapshot;
            var next = new Read(Interlocked.Read(ref _marks), clock.GetUtcNow(), hallId, queries);
            var stored = seen is null ? _latest.TryAdd(hallId, next) : _latest.TryUpdate(hallId, next, seen);
            if (stored) return next.Snapshot;
        }
    }

    private sealed class Read(long startedAt, DateTimeOffset startedUtc, int hallId, WallQueries queries)
    {
        private readonly Lazy<Task<WallSnapshot?>> _snapshot = new(() => queries.SnapshotAsync(hallId));

        public long StartedAt { get; } = startedAt;
        public DateTimeOffset StartedUtc { get; } = startedUtc;
        public Task<WallSnapshot?> Snapshot => _snapshot.Value;
    }
}
