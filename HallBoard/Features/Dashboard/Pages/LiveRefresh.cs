using HallBoard.Live;

namespace HallBoard.Features.Dashboard.Pages;

/// <summary>
/// Re-queries a screen when its hall's tickets change, coalesced: a burst of changes gives one refresh, and refreshes
/// are at least <c>gap</c> apart, so a busy hall cannot make the dashboard query continuously.
/// </summary>
public sealed class LiveRefresh(TimeSpan gap, Func<Task> refresh) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private IDisposable? _subscription;
    private bool _scheduled;
    private long? _lastMs; // monotonic milliseconds (Environment.TickCount64) of the last refresh

    public void Subscribe(HallFeed feed, Func<int> hallId) => _subscription = feed.Subscribe(change =>
    {
        if (change.Kind == HallChangeKind.TicketChanged && change.HallId == hallId()) Poke();
        return Task.CompletedTask;
    });

    /// <summary>Something changed: refresh once, as soon as the gap since the last refresh allows.</summary>
    public void Poke()
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (_scheduled || _stop.IsCancellationRequested) return;
            _scheduled = true;
            var waitMs = _lastMs is { } last ? last + (long)gap.TotalMilliseconds - Environment.TickCount64 : 0;
            wait = TimeSpan.FromMilliseconds(Math.Max(0, waitMs));
        }
        _ = RunAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
    }

    private async Task RunAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, _stop.Token);
            lock (_lock)
            {
                _scheduled = false;
                _lastMs = Environment.TickCount64;
            }
            await refresh();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
