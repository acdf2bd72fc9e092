using System.Collections.Concurrent;

namespace HallBoard.Features.Engineers;

/// <summary>Which engineers have a tablet (a Blazor circuit) connected to this app instance right now.</summary>
public sealed class EngineerPresence
{
    private readonly ConcurrentDictionary<int, int> _connections = new();

    /// <summary>Counts one more connection; true when it is the engineer's first on this instance.</summary>
    public bool Connected(int engineerId) => _connections.AddOrUpdate(engineerId, 1, (_, n) => n + 1) == 1;

    public void Disconnected(int engineerId)
    {
        while (_connections.TryGetValue(engineerId, out var n))
        {
            if (n <= 1 ? _connections.TryRemove(new KeyValuePair<int, int>(engineerId, n)) : _connections.TryUpdate(engineerId, n - 1, n))
                return;
        }
    }

    public IReadOnlyCollection<int> Present => _connections.Keys.ToArray();
}
