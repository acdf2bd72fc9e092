using HallBoard.Domain;
using HallBoard.Domain.Sla;

namespace HallBoard.Tests.Domain.Sla;

public sealed class HolidayCalendarTests
{
    [Fact]
    public void The_2026_schedule_holds_the_announced_33_holidays_and_6_make_up_saturdays_and_sundays()
    {
        var year = ChinaHolidays2026.Year;
        var calendar = ChinaHolidays2026.Calendar;

        Assert.Equal(33, year.Holidays.Sum(h => h.Days().Count()));
        Assert.Equal(6, year.MakeUpWorkdays.Count);
        Assert.All(year.MakeUpWorkdays, d => Assert.Contains(d.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
        Assert.Equal("国庆节", calendar.HolidayName(new DateOnly(2026, 10, 7)));
        Assert.Equal("春节", calendar.HolidayName(new DateOnly(2026, 2, 15)));
        Assert.True(calendar.IsMakeUpWorkday(new DateOnly(2026, 9, 20)));
        Assert.False(calendar.IsHoliday(new DateOnly(2026, 10, 8)));
        Assert.Null(calendar.HolidayName(new DateOnly(2026, 3, 3)));
    }

    [Fact]
    public void A_day_cannot_be_both_a_holiday_and_a_make_up_working_day()
    {
        var wrong = new HolidayYear(2026, [new("国庆节", new(2026, 10, 1), new(2026, 10, 7))], [new(2026, 10, 3)]);

        var error = Assert.Throws<ValidationFailedException>(() => new HolidayCalendar([wrong]));

        Assert.Equal("2026-10-03 不能既是假日（国庆节）又是调休上班日。", error.Message);
    }

    [Fact]
    public void Reversed_spans_and_a_year_entered_twice_are_all_listed()
    {
        var reversed = new HolidayYear(2027, [new("劳动节", new(2027, 5, 5), new(2027, 5, 1))], []);
        var twice = new HolidayYear(2027, [], []);

        var error = Assert.Throws<ValidationFailedException>(() => new HolidayCalendar([reversed, twice]));

        Assert.Equal(["2027 年的节假日安排重复。", "劳动节的结束日期 2027-05-01 早于开始日期 2027-05-05。"], error.Errors["holidays"]);
    }

    [Fact]
    public void Without_holiday_data_only_the_weekly_hours_apply()
    {
        var calendar = new BusinessCalendar(OpeningHours.Standard, HolidayCalendar.None);

        Assert.True(calendar.IsOpenDay(new DateOnly(2026, 10, 1)));
        Assert.False(calendar.IsOpenDay(new DateOnly(2026, 10, 10)));
    }
}
