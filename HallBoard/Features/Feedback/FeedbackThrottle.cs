using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Feedback;

/// <summary>Limits how often one address may submit from the public pages (fixed window per address).</summary>
public sealed class FeedbackThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public FeedbackThrottle(IOptions<FeedbackOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, o.PublicPermitLimit),
                Window = TimeSpan.FromMinutes(Math.Max(0.1, o.PublicWindowMinutes)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(string? clientKey)
    {
        using var lease = _limiter.AttemptAcquire(string.IsNullOrEmpty(clientKey) ? "unknown" : clientKey);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
