using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace HallBoard.Live;

/// <summary>
/// The open hub connections of each API key on this instance, so revoking a key ends them at once instead of
/// leaving a revoked integration listening until it reconnects. A revocation reaches every instance as a
/// <see cref="HallChangeKind.KeyRevoked"/> notice on the live bus.
/// </summary>
public sealed class HubKeyConnections
{
    private const string KeyPrefix = "api:";
    private readonly Dictionary<int, HashSet<HubCallerContext>> _open = [];

    /// <summary>The key id of an API-key principal (its NameIdentifier is "api:&lt;id&gt;"), else null.</summary>
    public static int? KeyIdOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(KeyPrefix.Length), out var key) ? key : null;

    public void Add(int keyId, HubCallerContext connection)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(keyId, out var set)) _open[keyId] = set = [];
            set.Add(connection);
        }
    }

    public void Remove(int keyId, HubCallerContext connection)
    {
        lock (_open)
        {
            if (_open.TryGetValue(keyId, out var set) && set.Remove(connection) && set.Count == 0) _open.Remove(keyId);
        }
    }

    public int CountOf(int keyId)
    {
        lock (_open) return _open.TryGetValue(keyId, out var set) ? set.Count : 0;
    }

    /// <summary>Closes every connection of the key on this instance.</summary>
    public void Abort(int keyId)
    {
        HubCallerContext[] connections;
        lock (_open)
        {
            if (!_open.Remove(keyId, out var set)) return;
            connections = [.. set];
        }
        foreach (var connection in connections) connection.Abort();
    }
}
