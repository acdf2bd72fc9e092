using System.Collections.Concurrent;
using HallBoard.Hosting;
using HallBoard.Live;

namespace HallBoard.Features.Wall;

/// <summary>
/// Publishes a hall's figures after changes, on the instance that made them, at most once a second per hall:
/// the first change after a quiet second is followed at once, the changes of a busy second share one publish at
/// its end. Commands never wait for it. Unchanged figures are not published again.
/// </summary>
public sealed class HallFiguresPublisher(WallQueries queries, HallNotifier notifier, HallTime time, TimeProvider clock,
    ILogger<HallFiguresPublisher> logger) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<int, HallState> _halls = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Asks for the hall's figures to be published after a committed change; returns at once.</summary>
    public void Request(int hallId)
    {
        var hall = _halls.GetOrAdd(hallId, _ => new HallState());
        lock (hall)
        {
            // A publish that has not read the figures yet will include this change.
            if (hall.Scheduled) return;
            hall.Scheduled = true;
        }
        _ = PublishAsync(hallId, hall);
    }

    /// <summary>Today's figures start from zero at local midnight, with no change to announce it.</summary>
    public void RequestNewDay()
    {
        var today = time.Today;
        foreach (var (hallId, hall) in _halls)
            if (hall.Day is { } day && day != today)
                Request(hallId);
    }

    private async Task PublishAsync(int hallId, HallState hall)
    {
        var stopping = _stopping.Token;
        try
        {
            var wait = hall.LastRead + MinInterval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stopping);
            await hall.Lock.WaitAsync(stopping);
            try
            {
                lock (hall)
                {
                    hall.Scheduled = false;
                    hall.LastRead = clock.GetUtcNow();
                }
                if (await queries.FiguresAsync(hallId, stopping) is not { } figures) return;
                hall.Day = time.Today;
                if (figures == hall.Last) return;
                hall.Last = figures;
                await notifier.PublishAsync(HallChange.FiguresChanged(hallId, figures));
            }
            finally
            {
                hall.Lock.Release();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception ex)
        {
            // The changes are committed; their figures follow with the next change.
            lock (hall) hall.Scheduled = false;
            logger.LogWarning(ex, "Could not publish the figures of hall {HallId}", hallId);
        }
    }

    public void Dispose() => _stopping.Cancel();

    private sealed class HallState
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public bool Scheduled { get; set; }
        public DateTimeOffset LastRead { get; set; } = DateTimeOffset.MinValue;
        public DateOnly? Day { get; set; }
        public HallFigures? Last { get; set; }
    }
}
