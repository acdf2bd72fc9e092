using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Wall;

/// <summary>The app on a clock the test moves: 09:00 in the hall on 27 November 2026 at the start. Tablets turn
/// offline after 5 minutes here, to show the setting is read.</summary>
public class FakeClockHall : HallAppFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    public FakeClockHall()
    {
        Clock = new FakeTimeProvider(Start);
        Settings["Live:OfflineAfterMinutes"] = "5";
    }

    public FakeTimeProvider Time => Clock!;

    protected override bool SharesSeededDemo => true;

    /// <summary>Moves the clock on to the next 09:00 on a weekday in the hall (no holidays fall in late 2026 after
    /// National Day), so SLA targets, which run in business time, start running at once. Tests in a class share the
    /// clock and other tests move it into the night or the weekend.</summary>
    public void MoveToNextOpening()
    {
        var local = Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var day = local.Date;
        if (local.TimeOfDay > TimeSpan.FromHours(9)) day = day.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        var opening = new DateTimeOffset(day.AddHours(9), TimeSpan.FromHours(8));
        if (opening > Time.GetUtcNow()) Time.SetUtcNow(opening);
    }
}

/// <summary><see cref="FakeClockHall"/> without the alert monitor's checks, for tests that count what a screen draws
/// while they move the clock: a check would land on whichever 15 seconds the clock passed (the clock is shared by
/// the class's tests, so where depends on their order) and an alert it raised would be one more render. Alerts the
/// screens show still come from the snapshots and from the commands that publish their own (incidents).</summary>
public sealed class QuietFakeClockHall : FakeClockHall
{
    public QuietFakeClockHall() => Settings["Wall:AlertCheckSeconds"] = "86400";
}
