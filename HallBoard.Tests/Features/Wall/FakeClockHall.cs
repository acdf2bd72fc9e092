using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Wall;

/// <summary>The app on a clock the test moves: 09:00 in the hall on 27 November 2026 at the start. Tablets turn
/// offline after 5 minutes here, to show the setting is read.</summary>
public sealed class FakeClockHall : HallAppFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    public FakeClockHall()
    {
        Clock = new FakeTimeProvider(Start);
        Settings["Live:OfflineAfterMinutes"] = "5";
    }

    public FakeTimeProvider Time => Clock!;
}
