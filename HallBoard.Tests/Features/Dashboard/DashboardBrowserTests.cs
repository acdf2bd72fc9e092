using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The dashboard in Chromium on a tablet-sized screen: the manager sees drawn charts and the week's numbers.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class DashboardBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task The_manager_sees_charts_and_can_switch_to_a_table()
    {
        var page = await hall.SignedInPageAsync("manager", width: 1024, height: 768, at: "/dashboard");

        await page.Locator("[data-card='channel'] svg").First.WaitForAsync();
        Assert.Equal(11, await page.Locator("[data-card]").CountAsync());
        Assert.True(await page.Locator("[data-card] svg").CountAsync() >= 8);
        // The demo hall's tickets were logged today.
        Assert.NotEqual("0", (await page.Locator("[data-figure='工单总数']").InnerTextAsync()).Trim());

        await page.GetByText("本周", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-toggle='channel']").ClickAsync();

        var table = page.Locator("[data-table='channel']");
        await table.WaitForAsync();
        Assert.Contains("电子税务局", await table.InnerTextAsync());
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        Assert.Contains("/dashboard/figures.xlsx", await page.Locator("#dash-excel").GetAttributeAsync("href"));
    }
}
