using HallBoard.Domain;
using HallBoard.Features.Wall;

namespace HallBoard.Tests.Features.Wall;

/// <summary>How the wall writes numbers and times, colours waits and pages lists.</summary>
public sealed class WallFormatTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 1, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 30, "刚刚")]
    [InlineData(12, 0, "12分")]
    [InlineData(65, 0, "1时05分")]
    public void Waits_read_as_people_say_them(int minutes, int seconds, string shown) =>
        Assert.Equal(shown, WallFormat.Elapsed(new TimeSpan(0, minutes, seconds)));

    [Theory]
    [InlineData(7, Urgency.Fine)]
    [InlineData(7.5, Urgency.Near)]
    [InlineData(10, Urgency.Near)]
    [InlineData(10.1, Urgency.Late)]
    public void A_wait_is_amber_from_three_quarters_of_its_target_and_red_past_it(double minutes, Urgency urgency) =>
        Assert.Equal(urgency, WallFormat.Of(Start, Start.AddMinutes(10), Start.AddMinutes(minutes), 0.75));

    [Theory]
    [InlineData(0.5, 1)]     // "刚刚" becomes "1分"
    [InlineData(7.2, 7.5)]   // amber at three quarters of the 10 minutes
    [InlineData(7.6, 8)]     // "7分" becomes "8分"
    [InlineData(9.9, 10)]    // red just past the target
    [InlineData(10.5, 11)]   // red already: only the minutes tick on
    public void An_idle_wall_is_next_drawn_when_a_time_or_a_colour_it_shows_changes(double nowMinutes, double nextMinutes)
    {
        var next = WallTiming.NextVisibleChange([(Start, Start.AddMinutes(10))], Start.AddMinutes(nowMinutes), 0.75);
        Assert.InRange(next, Start.AddMinutes(nextMinutes), Start.AddMinutes(nextMinutes).AddMilliseconds(1));
        // Something the row shows is different then.
        Assert.False(WallFormat.Elapsed(TimeSpan.FromMinutes(nowMinutes)) == WallFormat.Elapsed(next - Start)
            && WallFormat.Of(Start, Start.AddMinutes(10), Start.AddMinutes(nowMinutes), 0.75) == WallFormat.Of(Start, Start.AddMinutes(10), next, 0.75));
        Assert.Equal(DateTime.MaxValue, WallTiming.NextVisibleChange([], Start, 0.75));
    }

    [Fact]
    public void Numbers_durations_and_rates_are_short_and_a_missing_one_is_a_dash()
    {
        Assert.Equal("0007", WallFormat.Short("GX-20261127-0007"));
        Assert.Equal(("45", "秒"), WallFormat.Duration(45));
        Assert.Equal(("4.2", "分钟"), WallFormat.Duration(252));
        Assert.Equal(("—", ""), WallFormat.Duration(null));
        Assert.Equal("97%", WallFormat.Percent(0.966));
        Assert.Equal("—", WallFormat.Percent(null));
    }

    [Fact]
    public void A_list_pages_round_and_round()
    {
        var rows = Enumerable.Range(1, 20).ToList();

        Assert.Equal("1-8 第 1/3 页", Page(rows, 0));
        Assert.Equal("17-20 第 3/3 页", Page(rows, 2));
        Assert.Equal("1-8 第 1/3 页", Page(rows, 3));
        Assert.Equal(1, ListPage<int>.Of([], 8, 5).Count);
    }

    [Fact]
    public void A_wall_ticket_can_only_hold_a_masked_taxpayer()
    {
        var ticket = new WallTicket(1, "GX-20261127-0001", TicketStatus.Waiting, Category.Invoice, Priority.Normal, "欧阳明月",
            null, Start, Start.AddMinutes(10), null, Start.AddHours(2));

        Assert.Equal("欧**", ticket.Taxpayer);
        Assert.DoesNotContain("阳明", ticket.ToString());
    }

    private static string Page(IReadOnlyList<int> rows, int turn)
    {
        var page = ListPage<int>.Of(rows, 8, turn);
        return $"{page.Rows[0]}-{page.Rows[^1]} 第 {page.Number}/{page.Count} 页";
    }
}
