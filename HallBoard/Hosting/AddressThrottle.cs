using System.Threading.RateLimiting;

namespace HallBoard.Hosting;

/// <summary>Limits how often one address may post to a public page (fixed window per address).</summary>
public abstract class AddressThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    protected AddressThrottle(int permitLimit, double windowMinutes) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permitLimit),
                Window = TimeSpan.FromMinutes(Math.Max(0.1, windowMinutes)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public bool TryAcquire(string? clientKey)
    {
        using var lease = _limiter.AttemptAcquire(string.IsNullOrEmpty(clientKey) ? "unknown" : clientKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
