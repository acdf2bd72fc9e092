using HallBoard.Domain.Sla;

namespace HallBoard.Tests.Domain.Sla;

/// <summary>
/// The SLA clock on the hall's hours: Mon–Fri 09:00–12:00 and 13:30–17:30 (7 h a day) with the 2026 holidays.
/// Every expectation is worked out by hand from the calendar; hall time is UTC+8 all year.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly BusinessCalendar Hall = new(OpeningHours.Standard, ChinaHolidays2026.Calendar);

    /// <summary>A moment in 2026 given in hall time, as UTC.</summary>
    private static DateTime At(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    private static TimeSpan Hours(double h) => TimeSpan.FromHours(h);
    private static TimeSpan Minutes(double m) => TimeSpan.FromMinutes(m);

    private static DateTime Due(DateTime startUtc, TimeSpan duration) => Hall.AddBusinessTime(startUtc, duration, China);
    private static TimeSpan Between(DateTime startUtc, DateTime endUtc, params SlaPause[] pauses) => Hall.BusinessTimeBetween(startUtc, endUtc, pauses, China);

    [Fact]
    public void The_lunch_break_does_not_count()
    {
        // Tue 3 March: 11:00–12:00 is 1 h, the other hour runs from 13:30.
        Assert.Equal(At(3, 3, 14, 30), Due(At(3, 3, 11), Hours(2)));
        Assert.Equal(Hours(2), Between(At(3, 3, 11), At(3, 3, 14, 30)));
        // Started during the break: the clock waits for 13:30.
        Assert.Equal(At(3, 3, 14, 30), Due(At(3, 3, 12, 30), Hours(1)));
        Assert.Equal(TimeSpan.Zero, Between(At(3, 3, 12), At(3, 3, 13, 30)));
    }

    [Fact]
    public void A_target_that_ends_at_closing_is_due_at_closing_and_a_minute_more_is_due_next_morning()
    {
        Assert.Equal(At(3, 3, 17, 30), Due(At(3, 3, 9), Hours(7)));
        Assert.Equal(At(3, 4, 9, 1), Due(At(3, 3, 9), Hours(7) + Minutes(1)));
    }

    [Fact]
    public void The_weekend_does_not_count()
    {
        // Fri 6 March 16:30–17:30 is 1 h; Sat and Sun closed; Mon 9 March 09:00–10:00 the second hour.
        Assert.Equal(At(3, 9, 10), Due(At(3, 6, 16, 30), Hours(2)));
        Assert.Equal(Hours(2), Between(At(3, 6, 16, 30), At(3, 9, 10)));
        Assert.Equal(TimeSpan.Zero, Between(At(3, 7, 9), At(3, 8, 17, 30)));
    }

    [Fact]
    public void The_national_day_holiday_does_not_count()
    {
        // Wed 30 Sept 17:00–17:30 is half an hour; 国庆节 1–7 Oct closed; Thu 8 Oct from 09:00.
        Assert.Equal(At(10, 8, 9, 30), Due(At(9, 30, 17), Hours(1)));
        // 8 h: 0.5 h on 30 Sept, 7 h on 8 Oct, 0.5 h on Fri 9 Oct.
        Assert.Equal(At(10, 9, 9, 30), Due(At(9, 30, 17), Hours(8)));
        Assert.Equal(Hours(7), Between(At(9, 30, 9), At(10, 8, 9)));
        Assert.Equal(TimeSpan.Zero, Between(At(10, 1, 9), At(10, 7, 17, 30)));
    }

    [Fact]
    public void The_spring_festival_closes_nine_days_and_the_saturday_before_is_worked()
    {
        // Fri 13 Feb 17:00–17:30, then Sat 14 Feb is a make-up working day.
        Assert.Equal(At(2, 14, 9, 30), Due(At(2, 13, 17), Hours(1)));
        // From Sat 14 Feb 17:00: 15–23 Feb closed, Tue 24 Feb 09:00–09:30.
        Assert.Equal(At(2, 24, 9, 30), Due(At(2, 14, 17), Hours(1)));
        // Fri 13 Feb (7 h) and the make-up Saturday (7 h).
        Assert.Equal(Hours(14), Between(At(2, 13, 9), At(2, 24, 9)));
    }

    [Fact]
    public void A_make_up_sunday_is_worked_with_weekday_hours_while_an_ordinary_sunday_is_not()
    {
        // Sun 20 Sept 2026 is worked (调休 for 国庆节): from Fri 18 Sept 17:00, half an hour there and half on Sunday.
        Assert.Equal(At(9, 20, 9, 30), Due(At(9, 18, 17), Hours(1)));
        Assert.Equal(Hours(7), Between(At(9, 20, 0), At(9, 21, 0)));
        Assert.Equal(Hours(3.5), Between(At(9, 20, 11), At(9, 20, 16)));
        // A week earlier, Sun 13 Sept is an ordinary Sunday: the half hour falls on Mon 14 Sept.
        Assert.Equal(At(9, 14, 9, 30), Due(At(9, 11, 17), Hours(1)));
        // Sat 10 Oct is worked too, right after the holiday.
        Assert.Equal(At(10, 10, 9, 30), Due(At(10, 9, 17), Hours(1)));
    }

    [Fact]
    public void A_ticket_logged_before_opening_starts_its_clock_at_opening()
    {
        Assert.Equal(At(3, 3, 9, 30), Due(At(3, 3, 7, 45), Minutes(30)));
        Assert.Equal(Minutes(30), Between(At(3, 3, 7, 45), At(3, 3, 9, 30)));
    }

    [Fact]
    public void A_ticket_logged_after_closing_starts_its_clock_next_morning()
    {
        Assert.Equal(At(3, 4, 9, 30), Due(At(3, 3, 18), Minutes(30)));
        Assert.Equal(TimeSpan.Zero, Between(At(3, 3, 18), At(3, 4, 8, 59)));
        // Logged on Friday evening before the weekend.
        Assert.Equal(At(3, 9, 9, 10), Due(At(3, 6, 20), Minutes(10)));
    }

    [Fact]
    public void A_pause_spanning_closing_time_stops_the_clock_on_both_days()
    {
        // Logged Tue 15:00, waiting on the taxpayer from Tue 17:00 to Wed 10:00, read at Wed 11:00.
        var start = At(3, 3, 15);
        var pause = new SlaPause(At(3, 3, 17), At(3, 4, 10));
        Assert.Equal(Hours(4.5), Between(start, At(3, 4, 11)));
        // Tue 15:00–17:00 (2 h) and Wed 10:00–11:00 (1 h).
        Assert.Equal(Hours(3), Between(start, At(3, 4, 11), pause));

        var target = Hours(4);
        var at1030 = Hall.Progress(start, target, At(3, 4, 10, 30), [pause], China);
        var at1100 = Hall.Progress(start, target, At(3, 4, 11), [pause], China);
        var at1200 = Hall.Progress(start, target, At(3, 4, 12), [pause], China);
        Assert.Equal((0.625, SlaState.Ok), (at1030.Fraction, at1030.State));
        Assert.Equal((0.75, SlaState.Warning), (at1100.Fraction, at1100.State));
        Assert.Equal((1.0, SlaState.Breached), (at1200.Fraction, at1200.State));
        Assert.Equal(Hours(1), at1100.Remaining);
    }

    [Fact]
    public void An_open_pause_holds_the_clock_until_it_is_read()
    {
        var start = At(3, 3, 9);
        var waiting = new SlaPause(At(3, 3, 10));
        var progress = Hall.Progress(start, Hours(2), At(3, 3, 15), [waiting], China);
        Assert.Equal(Hours(1), progress.Used);
        Assert.Equal(SlaState.Ok, progress.State);
    }

    [Fact]
    public void Overlapping_pauses_count_once_and_pauses_outside_the_span_not_at_all()
    {
        var pauses = new[]
        {
            new SlaPause(At(3, 3, 10), At(3, 3, 11)),
            new SlaPause(At(3, 3, 10, 30), At(3, 3, 11, 30)),
            new SlaPause(At(3, 2, 9), At(3, 2, 17)),
        };
        // 09:00–12:00 is 3 h, paused 10:00–11:30.
        Assert.Equal(Hours(1.5), Between(At(3, 3, 9), At(3, 3, 12), pauses));
    }

    [Fact]
    public void Warning_starts_at_three_quarters_and_breach_at_the_full_target()
    {
        var start = At(3, 3, 9);
        SlaProgress After(int minutes) => Hall.Progress(start, Hours(1), start.AddMinutes(minutes), [], China);

        Assert.Equal(SlaState.Ok, After(44).State);
        Assert.Equal(SlaState.Warning, After(45).State);
        Assert.Equal(SlaState.Warning, After(59).State);
        Assert.Equal(SlaState.Breached, After(60).State);
        Assert.Equal(SlaState.Breached, After(90).State);
        Assert.Equal(1.5, After(90).Fraction);
        Assert.Equal(TimeSpan.Zero, After(90).Remaining);
    }

    [Fact]
    public void Adding_business_time_and_measuring_it_agree_at_every_start_around_the_national_day()
    {
        var durations = new[] { Minutes(10), Hours(2), Hours(7), Hours(30) };
        for (var start = At(9, 15, 0); start < At(10, 15, 0); start = start.AddMinutes(47))
            foreach (var duration in durations)
            {
                var due = Due(start, duration);
                Assert.True(due >= start);
                Assert.Equal(duration, Between(start, due));
            }
    }

    [Fact]
    public void A_hall_open_on_saturday_mornings_works_them_except_on_a_holiday()
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var d in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            week[d] = [OpeningInterval.Of("09:00", "12:00"), OpeningInterval.Of("13:30", "17:30")];
        week[DayOfWeek.Saturday] = [OpeningInterval.Of("09:00", "12:00")];
        var hall = new BusinessCalendar(new OpeningHours(week, week[DayOfWeek.Monday]), ChinaHolidays2026.Calendar);

        // Fri 6 March 17:00 + 1 h: half an hour Friday, half an hour on Saturday morning.
        Assert.Equal(At(3, 7, 9, 30), hall.AddBusinessTime(At(3, 6, 17), Hours(1), China));
        // Sat 4 April is 清明节: closed; Tue 7 April 09:30.
        Assert.Equal(At(4, 7, 9, 30), hall.AddBusinessTime(At(4, 3, 17), Hours(1), China));
    }

    [Fact]
    public void Impossible_settings_are_refused_with_a_clear_message()
    {
        var reversed = Assert.Throws<HallBoard.Domain.ValidationFailedException>(() => OpeningInterval.Of("12:00", "09:00"));
        Assert.Equal("营业时段 12:00–09:00 的结束时间必须晚于开始时间。", reversed.Message);

        var overlapping = Assert.Throws<HallBoard.Domain.ValidationFailedException>(() =>
            OpeningHours.Weekdays(OpeningInterval.Of("09:00", "12:00"), OpeningInterval.Of("11:30", "17:30")));
        Assert.Contains("重叠", overlapping.Message);

        var closedAllWeek = Assert.Throws<HallBoard.Domain.ValidationFailedException>(() =>
            new OpeningHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>(), []));
        Assert.Equal("每周至少要有一天营业。", closedAllWeek.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => Hall.Progress(At(3, 3, 9), TimeSpan.Zero, At(3, 3, 10), [], China));
        Assert.Throws<ArgumentOutOfRangeException>(() => Due(At(3, 3, 9), Minutes(-1)));
    }
}
