namespace HallBoard.Domain.Sla;

/// <summary>
/// The clock a ticket's targets run on: the hall's business calendar in the hall's zone, or, without a calendar,
/// plain elapsed time (<see cref="AroundTheClock"/>, for data that does not come from a hall's working day).
/// </summary>
public sealed class SlaClock
{
    private readonly BusinessCalendar? _calendar;
    private readonly TimeZoneInfo _zone;

    public SlaClock(BusinessCalendar calendar, TimeZoneInfo zone)
    {
        _calendar = calendar;
        _zone = zone;
    }

    private SlaClock()
    {
        _zone = TimeZoneInfo.Utc;
    }

    /// <summary>Every minute counts: targets in elapsed time.</summary>
    public static SlaClock AroundTheClock { get; } = new();

    public BusinessCalendar? Calendar => _calendar;

    public TimeZoneInfo Zone => _zone;

    /// <summary>The moment <paramref name="duration"/> of business time has passed after <paramref name="startUtc"/>.</summary>
    public DateTime Add(DateTime startUtc, TimeSpan duration) =>
        _calendar?.AddBusinessTime(startUtc, duration, _zone) ?? Utc(startUtc).Add(duration);

    /// <summary>Business time from start to end; zero when end is not after start.</summary>
    public TimeSpan Between(DateTime startUtc, DateTime endUtc) =>
        _calendar?.BusinessTimeBetween(startUtc, endUtc, [], _zone)
        ?? (endUtc > startUtc ? Utc(endUtc) - Utc(startUtc) : TimeSpan.Zero);

    /// <summary>
    /// How much of <paramref name="target"/> is used at <paramref name="nowUtc"/>, read from the stored due time: a
    /// due time already carries every pause (it was pushed on when the ticket resumed), so what is left is the business
    /// time from now to the due time, and past it the business time since.
    /// </summary>
    public SlaProgress Progress(DateTime dueUtc, TimeSpan target, DateTime nowUtc)
    {
        if (target <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(target), "SLA 时限必须大于零。");
        var used = nowUtc <= dueUtc ? target - Min(Between(nowUtc, dueUtc), target) : target + Between(dueUtc, nowUtc);
        return new SlaProgress(used, target);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
