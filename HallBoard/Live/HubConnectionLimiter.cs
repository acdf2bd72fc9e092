using Microsoft.Extensions.Options;

namespace HallBoard.Live;

/// <summary>Counts hub connections per account or API key on this instance, so one key cannot flood it.</summary>
public sealed class HubConnectionLimiter(IOptions<LiveOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Limit => options.Value.MaxConnectionsPerPrincipal;

    public bool TryAcquire(string principal)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(principal);
            if (open >= Limit) return false;
            _open[principal] = open + 1;
            return true;
        }
    }

    public void Release(string principal)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(principal);
            if (open <= 1) _open.Remove(principal);
            else _open[principal] = open - 1;
        }
    }
}
