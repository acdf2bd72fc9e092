using System.Collections.Concurrent;

namespace HallBoard.Live;

/// <summary>
/// Numbers the changes hub clients receive, per hall: 1, 2, 3… in the order they are sent, so a client that sees a
/// number other than the one after its last can tell it missed something and resync (docs/live-api.md). Numbering
/// and sending happen under one gate per hall, so no client ever receives a later number before an earlier one from
/// this instance. With Redis the number comes from Redis (<see cref="RedisHallBus"/>) and every instance agrees.
/// </summary>
public sealed class HallSequencer
{
    private readonly ConcurrentDictionary<int, HallOrder> _halls = new();

    /// <summary>Lead notices never reach hub clients, so they take no number (a client would see a gap).</summary>
    public static bool Numbers(HallChange change) => change.Kind is not (HallChangeKind.LeadNotice or HallChangeKind.KeyRevoked);

    /// <summary>The number of the last change sent to this hall's hub clients here; 0 before the first.</summary>
    public long Current(int hallId) => _halls.TryGetValue(hallId, out var hall) ? Interlocked.Read(ref hall.Last) : 0;

    /// <summary>Waits until no other change of the hall is being numbered or sent; dispose to let the next one in.</summary>
    public async Task<Turn> EnterAsync(int hallId)
    {
        var hall = _halls.GetOrAdd(hallId, _ => new HallOrder());
        await hall.Gate.WaitAsync();
        return new Turn(hall);
    }

    internal sealed class HallOrder
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Last;
    }

    public sealed class Turn : IDisposable
    {
        private readonly HallOrder _hall;
        private int _done;

        internal Turn(HallOrder hall) => _hall = hall;

        /// <summary>The next number of this instance's own count (the in-process bus, or Redis out of reach).</summary>
        public long Next() => Interlocked.Increment(ref _hall.Last);

        /// <summary>Records a number given elsewhere (by Redis) as the latest one sent here.</summary>
        public void Saw(long sequence) => Interlocked.Exchange(ref _hall.Last, sequence);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) _hall.Gate.Release();
        }
    }
}
