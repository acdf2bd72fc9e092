using Bunit;
using HallBoard.Features.Sla;
using HallBoard.Features.Sla.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Sla;

/// <summary>The admin's calendar page on the app's real editor: the seeded 2026 schedule, and edits refused with a
/// message and nothing saved.</summary>
public sealed class CalendarPageTests : BunitTestBase, IClassFixture<CalendarPageTests.CalendarApp>
{
    /// <summary>27 November 2026 in the hall, so the page opens on 2026.</summary>
    public sealed class CalendarApp : HallAppFactory
    {
        public CalendarApp() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    }

    public CalendarPageTests(CalendarApp app) : base(app) { }

    [Fact]
    public async Task The_page_lists_the_announced_2026_holidays_and_make_up_working_days()
    {
        var page = await OpenAsync();

        Assert.Contains("2026-10-01 至 2026-10-07", page.Find("[data-holiday='国庆节']").TextContent);
        Assert.Contains("2026-02-15 至 2026-02-23", page.Find("[data-holiday='春节']").TextContent);
        Assert.Contains("国庆节调休", page.Find("[data-makeup='2026-09-20']").TextContent);
        Assert.Contains("周日", page.Find("[data-makeup='2026-09-20']").TextContent);
        Assert.Equal("09:00-12:00 13:30-17:30", page.Find("#hours-Monday").GetAttribute("value"));
        Assert.Equal("", page.Find("#hours-Saturday").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_holiday_with_an_impossible_date_is_refused_with_a_message_and_nothing_is_saved()
    {
        var page = await OpenAsync();
        var before = await SavedAsync();

        await FillAsync(page, "#holiday-name", "测试假");
        await FillAsync(page, "#holiday-first", "2026-02-30");
        await ClickAsync(page, "#holiday-add");

        page.WaitForAssertion(() => Assert.Equal("开始日期“2026-02-30”不是有效日期，请按 2026-10-01 的格式填写。", page.Find("#holiday-error").TextContent.Trim()));
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task A_holiday_overlapping_one_already_entered_is_refused_with_a_message_and_nothing_is_saved()
    {
        var page = await OpenAsync();
        var before = await SavedAsync();

        await FillAsync(page, "#holiday-name", "国庆节");
        await FillAsync(page, "#holiday-first", "2026-10-03");
        await FillAsync(page, "#holiday-last", "2026-10-04");
        await ClickAsync(page, "#holiday-add");

        page.WaitForAssertion(() => Assert.Equal("与已有假期“国庆节”（2026-10-01 至 2026-10-07）重叠。", page.Find("#holiday-error").TextContent.Trim()));
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task A_make_up_day_already_listed_or_on_a_weekday_is_refused_with_a_message()
    {
        var page = await OpenAsync();
        var before = await SavedAsync();

        await FillAsync(page, "#makeup-day", "2026-10-10");
        await ClickAsync(page, "#makeup-add");
        page.WaitForAssertion(() => Assert.Equal("2026-10-10 已是调休上班日。", page.Find("#makeup-error").TextContent.Trim()));

        await FillAsync(page, "#makeup-day", "2026-10-08");
        await ClickAsync(page, "#makeup-add");
        page.WaitForAssertion(() => Assert.Equal("调休上班日应为周六或周日，2026-10-08 是周四。", page.Find("#makeup-error").TextContent.Trim()));

        // Sat 3 Oct is inside 国庆节.
        await FillAsync(page, "#makeup-day", "2026-10-03");
        await ClickAsync(page, "#makeup-add");
        page.WaitForAssertion(() => Assert.Equal("2026-10-03 不能既是假日（国庆节）又是调休上班日。", page.Find("#makeup-error").TextContent.Trim()));
        Assert.Equal(before, await SavedAsync());
    }

    [Fact]
    public async Task A_new_holiday_is_listed_saved_and_audited()
    {
        var page = await OpenAsync();

        await FillAsync(page, "#holiday-name", "测试休假");
        await FillAsync(page, "#holiday-first", "2026/12/31");
        await ClickAsync(page, "#holiday-add");

        page.WaitForAssertion(() => Assert.Contains("2026-12-31 至 2026-12-31", page.Find("[data-holiday='测试休假']").TextContent));
        Assert.Empty(page.FindAll("#holiday-error"));
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "新增节假日").Select(a => a.After).ToListAsync());
        Assert.Contains("2026 年 测试休假 2026-12-31 至 2026-12-31", audit);
    }

    [Fact]
    public async Task Opening_hours_that_cannot_be_read_are_refused_with_a_message_and_nothing_is_saved()
    {
        var page = await OpenAsync();

        await page.InvokeAsync(() => page.Find("#hours-Monday").Input("9点到12点"));
        await ClickAsync(page, "#hours-save");

        page.WaitForAssertion(() => Assert.Equal("周一的营业时间“9点到12点”无法识别，请按 09:00-12:00 13:30-17:30 的格式填写，休息日留空。",
            page.Find("#hours-error").TextContent.Trim()));
        Assert.Equal(0, await App.WithDbAsync(db => db.HallOpeningDays.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "修改营业时间")));
    }

    /// <summary>The calendar is the admin's: the page opens signed in as the demo admin.</summary>
    private async Task<IRenderedComponent<CalendarPage>> OpenAsync()
    {
        await SignInAsAsync("admin");
        var page = RenderPage<CalendarPage>();
        page.WaitForElement("[data-holiday='国庆节']");
        page.WaitForElement("#hours-Monday");
        return page;
    }

    private static Task FillAsync(IRenderedComponent<CalendarPage> page, string selector, string text) =>
        page.InvokeAsync(() => page.Find(selector).Change(text));

    private static Task ClickAsync(IRenderedComponent<CalendarPage> page, string selector) =>
        page.InvokeAsync(() => page.Find(selector).Click());

    /// <summary>Holidays, make-up days and calendar audit entries now.</summary>
    private Task<(int, int, int)> SavedAsync() => App.WithDbAsync(async db => (
        await db.PublicHolidays.CountAsync(), await db.MakeUpWorkdays.CountAsync(),
        await db.AuditEntries.CountAsync(a => a.EntityType == nameof(PublicHoliday) || a.EntityType == nameof(MakeUpWorkday))));
}
