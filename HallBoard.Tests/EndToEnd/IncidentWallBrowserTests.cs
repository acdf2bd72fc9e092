using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>A major incident in Chromium: the banner comes onto the 1920×1080 wall live and goes when it is closed; the
/// report prints without its buttons.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class IncidentWallBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task The_banner_appears_on_the_wall_live_inside_the_screen_and_goes_when_the_incident_closes()
    {
        var wall = await hall.SignedInPageAsync("wall", 1920, 1080);
        await wall.WaitForFunctionAsync("() => location.pathname === '/wall/GX' && window.hallWallWatching === true");
        await wall.EvaluateAsync("() => window.notReloaded = true");
        var engineer = await hall.App.EngineerActorAsync(1);
        var time = hall.App.Get<HallTime>();

        var id = await hall.App.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "电子税务局全厅无法登录", Channels = [Channel.ETaxWeb], Business = "网上申报", StartUtc = time.UtcNow,
        }, [], engineer);

        var banner = wall.Locator(".wall-incident-banner");
        await banner.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("电子税务局全厅无法登录", await banner.InnerTextAsync());
        var box = (await banner.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 1920 && box.Y + box.Height <= 1080, $"banner at {box.X},{box.Y} {box.Width}×{box.Height}");
        Assert.Equal("rgb(200, 16, 46)", await banner.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        // The wall's own stylesheet still applies while the banner is up: the lists keep their grid.
        Assert.Equal("grid", await wall.Locator(".wall").EvaluateAsync<string>("w => getComputedStyle(w).display"));
        Assert.True(await wall.EvaluateAsync<bool>(
            "() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"), "the wall scrolls");

        await hall.App.Get<IncidentCommands>().CloseAsync(id, time.UtcNow, "证书过期", "更新证书", await hall.App.ActorAsync("lead"));

        await banner.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.True(await wall.EvaluateAsync<bool>("() => window.notReloaded === true"), "the wall reloaded");
    }

    [Fact]
    public async Task The_report_page_prints_without_its_buttons()
    {
        var engineer = await hall.App.EngineerActorAsync(1);
        var id = await hall.App.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "自助终端断网", Channels = [Channel.SelfServiceTerminal], Business = "发票领用", StartUtc = hall.App.Get<HallTime>().UtcNow,
        }, [], engineer);
        var page = await hall.SignedInPageAsync("lead");

        // The report has the blank layout (no app shell), so no interactive mark to wait for: the report itself is.
        await page.GotoAsync(hall.BaseUrl + IncidentsEndpoints.ReportPath(id));
        await page.Locator(".hb-report h1").WaitForAsync();
        Assert.True(await page.Locator(".hb-report-tools").IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        // The print stylesheet may still be arriving on a loaded machine: wait for it to hide the tools.
        await page.Locator(".hb-report-tools").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 10_000 });
        Assert.Equal(7, await page.Locator(".hb-report-section").CountAsync()); // 一 … 六, and 七 the improvement plan
        Assert.Contains("自助办税终端", await page.Locator(".hb-report").InnerTextAsync());
    }
}
