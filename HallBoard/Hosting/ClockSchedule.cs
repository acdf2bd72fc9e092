namespace HallBoard.Hosting;

/// <summary>
/// Periodic work on a <see cref="TimeProvider"/>: <see cref="WaitAsync"/> returns at the next due time, or at once
/// when that has already passed. Periods missed while the work ran or while the clock jumped (a host resumed from
/// sleep, a driven clock in tests) fold into one run, where a <see cref="PeriodicTimer"/> on a jumped clock replays
/// every missed tick; and a clock moved on while the work ran is never waited out again.
/// </summary>
public sealed class ClockSchedule(TimeProvider clock, TimeSpan period)
{
    private DateTimeOffset _next = clock.GetUtcNow() + period;

    /// <summary>Waits for the next run and answers true, for <c>while</c> loops; throws when cancelled.</summary>
    public async Task<bool> WaitAsync(CancellationToken ct)
    {
        var wait = _next - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
        ct.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        _next += period;
        if (_next <= now) _next = now + period;
        return true;
    }
}
