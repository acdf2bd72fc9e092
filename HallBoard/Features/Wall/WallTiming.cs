namespace HallBoard.Features.Wall;

/// <summary>When a wall screen must be drawn again although no change was heard: a time shown in whole minutes ticks
/// on ("刚刚" → "1分"), or a row turns amber or red (<see cref="WallFormat.Of"/>). The clock in the header ticks in the
/// browser, so an idle wall is drawn only at these moments, its page turns and its resyncs.</summary>
public static class WallTiming
{
    /// <summary>The first moment after <paramref name="nowUtc"/> at which one of these rows (start of the time shown,
    /// target) looks different; <see cref="DateTime.MaxValue"/> when there are none.</summary>
    public static DateTime NextVisibleChange(IEnumerable<(DateTime StartUtc, DateTime DueUtc)> rows, DateTime nowUtc, double nearShare)
    {
        var next = DateTime.MaxValue;
        foreach (var (start, due) in rows)
        {
            // The elapsed time is shown in whole minutes from its start.
            var minutes = Math.Max(0, Math.Floor((nowUtc - start).TotalMinutes)) + 1;
            next = Min(next, start.AddMinutes(minutes));
            var near = start + (due - start) * nearShare;
            if (near > nowUtc) next = Min(next, near);
            if (due >= nowUtc) next = Min(next, due.AddTicks(1)); // late once the target is passed
        }
        return next;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
