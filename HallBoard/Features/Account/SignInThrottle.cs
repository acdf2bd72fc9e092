using Microsoft.Extensions.Options;

namespace HallBoard.Features.Account;

/// <summary>
/// Counts failed sign-ins per address over a sliding window. Wall accounts are never locked by Identity (anyone
/// could lock the hall's screen by guessing), so this is what stops guessing at them; it refuses only the
/// address that keeps failing, whatever name it tries, so it tells nothing about which names exist.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInOptions> options)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.AddressWindowMinutes);

    public bool IsRefused(string address)
    {
        lock (_failures)
        {
            return _failures.TryGetValue(address, out var failures) && Trim(address, failures) >= options.Value.MaxFailuresPerAddress;
        }
    }

    public void RecordFailure(string address)
    {
        lock (_failures)
        {
            if (!_failures.TryGetValue(address, out var failures)) _failures[address] = failures = new Queue<DateTimeOffset>();
            failures.Enqueue(clock.GetUtcNow());
            Trim(address, failures);
            if (_failures.Count > 10_000) Sweep();
        }
    }

    private int Trim(string address, Queue<DateTimeOffset> failures)
    {
        var since = clock.GetUtcNow() - Window;
        while (failures.TryPeek(out var at) && at < since) failures.Dequeue();
        if (failures.Count == 0) _failures.Remove(address);
        return failures.Count;
    }

    // Many addresses each failing once must not grow the table for ever.
    private void Sweep()
    {
        foreach (var (address, failures) in _failures.ToList()) Trim(address, failures);
    }
}
