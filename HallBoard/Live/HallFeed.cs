using System.Collections.Immutable;

namespace HallBoard.Live;

/// <summary>Hands change notices to every subscribed screen (Blazor circuit) in this app instance.
/// The bus calls <see cref="DeliverAsync"/> once per change, on every instance.</summary>
public sealed class HallFeed(ILogger<HallFeed> logger)
{
    private ImmutableList<Func<HallChange, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<HallChange, Task> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChange)));
    }

    public async Task DeliverAsync(HallChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            try { await subscriber(change); }
            catch (Exception ex) { logger.LogWarning(ex, "A subscriber failed to take change {Change}", change); }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
