namespace HallBoard.Hosting;

public static class ClockTicks
{
    /// <summary>
    /// Waits one period on the clock and answers true, for <c>while</c> loops of periodic work. Unlike a
    /// <see cref="PeriodicTimer"/>, a clock that jumps forward by days (a driven clock in tests, a host resumed from
    /// sleep) ends one wait, not one per missed period, so the work runs once and not thousands of times in a burst.
    /// </summary>
    public static async Task<bool> WaitPeriodAsync(this TimeProvider clock, TimeSpan period, CancellationToken ct)
    {
        await Task.Delay(period, clock, ct);
        return true;
    }
}
