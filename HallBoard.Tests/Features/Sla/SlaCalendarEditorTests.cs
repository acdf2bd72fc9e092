using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Sla;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Sla;

/// <summary>The editor's checks on the whole calendar before anything is saved, and the clock rebuilt after a change.</summary>
public sealed class SlaCalendarEditorTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private static readonly Actor Admin = HallAppFactory.As(Roles.Admin, "admin-editor", "系统管理员", null);
    private SlaCalendarEditor Editor => app.Get<SlaCalendarEditor>();

    [Theory]
    [InlineData("", "2030-10-01", "2030-10-07", "请填写假期名称，如“国庆节”。")]
    [InlineData("国庆节", "", "", "请填写开始日期。")]
    [InlineData("国庆节", "2030-13-01", "", "开始日期“2030-13-01”不是有效日期，请按 2030-10-01 的格式填写。")]
    [InlineData("国庆节", "2030-10-07", "2030-10-01", "结束日期 2030-10-01 早于开始日期 2030-10-07。")]
    [InlineData("国庆节", "2031-10-01", "2031-10-07", "开始日期 2031-10-01 不在 2030 年的安排内（2029-12-01 至 2031-01-31）。")]
    [InlineData("国庆节", "2030-09-01", "2030-10-07", "国庆节超过 31 天，请检查日期。")]
    [InlineData("<b>节</b>", "2030-10-01", "", "假期名称不能包含 HTML 标记或脚本。")]
    public async Task A_holiday_that_cannot_be_right_is_refused_and_nothing_is_saved(string name, string first, string last, string message)
    {
        var before = await CountAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Editor.AddHolidayAsync(2030, name, first, last, Admin));

        Assert.Equal(message, refused.Message);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Removing_a_holiday_is_audited_and_the_next_clock_works_through_it()
    {
        var hall = await app.DemoHallAsync();
        await Editor.AddHolidayAsync(2029, "测试节", "2029-05-01", "2029-05-03", Admin);
        var calendars = app.Get<SlaCalendars>();
        Assert.False((await calendars.ClockAsync(hall.Id)).Calendar!.IsOpenDay(new DateOnly(2029, 5, 2)));

        var row = Assert.Single((await Editor.YearAsync(2029)).Holidays);
        await Editor.RemoveHolidayAsync(row.Id, Admin);

        Assert.True((await calendars.ClockAsync(hall.Id)).Calendar!.IsOpenDay(new DateOnly(2029, 5, 2)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == Admin.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["新增节假日", "删除节假日"], audit.TakeLast(2));
    }

    [Fact]
    public async Task A_week_without_an_open_day_or_with_overlapping_hours_is_refused()
    {
        var hall = await app.DemoHallAsync();
        var closed = Enum.GetValues<OpeningDay>().ToDictionary(d => d, _ => "");
        var overlapping = new Dictionary<OpeningDay, string> { [OpeningDay.Monday] = "09:00-12:00 11:30-17:30" };

        Assert.Equal("每周至少要有一天营业。",
            (await Assert.ThrowsAsync<ValidationFailedException>(() => Editor.SetOpeningHoursAsync(hall.Id, closed, Admin))).Message);
        Assert.Contains("重叠", (await Assert.ThrowsAsync<ValidationFailedException>(() => Editor.SetOpeningHoursAsync(hall.Id, overlapping, Admin))).Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.HallOpeningDays.CountAsync()));
    }

    [Fact]
    public void Opening_hours_are_read_as_an_admin_types_them()
    {
        var day = OpeningHoursText.Parse("9:00 – 12:00，13：30至17:30", "周一");

        Assert.Equal("09:00-12:00 13:30-17:30", OpeningHoursText.Format(day));
        Assert.Empty(OpeningHoursText.Parse("  ", "周六"));
        Assert.Equal("周二：营业时段 12:00–09:00 的结束时间必须晚于开始时间。",
            Assert.Throws<ValidationFailedException>(() => OpeningHoursText.Parse("12:00-09:00", "周二")).Message);
    }

    private Task<(int, int)> CountAsync() => app.WithDbAsync(async db => (await db.PublicHolidays.CountAsync(), await db.AuditEntries.CountAsync()));
}
