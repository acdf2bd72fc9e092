using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class SignInBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task A_wrong_password_is_told_in_chinese_and_the_right_one_signs_in()
    {
        var page = await hall.NewPageAsync();
        await page.GotoAsync("/queue");
        Assert.Contains("/login?returnUrl=%2Fqueue", page.Url);

        await page.FillAsync("#userName", "eng4");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).WaitForAsync();
        Assert.Contains("用户名或密码错误", await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).InnerTextAsync());

        await page.FillAsync("#userName", "eng4");
        await page.FillAsync("#password", HallBoard.Data.DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await page.GetByText("刘洋").First.WaitForAsync();
        Assert.DoesNotContain("/login", page.Url);
    }

    [Fact]
    public async Task A_tablet_set_to_reduce_motion_gets_buttons_without_ripples_and_one_without_that_setting_keeps_them()
    {
        var page = await hall.SignedInPageAsync("eng4", at: "/queue");
        await page.WaitForLoadStateAsync(LoadState.Load);
        var button = page.Locator(".mud-button-root").First;
        await button.WaitForAsync();
        const string ripple = "b => getComputedStyle(b, '::after').transitionDuration + ' ' + getComputedStyle(b).transitionDuration";

        var reduced = await button.EvaluateAsync<string>(ripple);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ReducedMotion = ReducedMotion.NoPreference });
        var full = await button.EvaluateAsync<string>(ripple);

        Assert.Equal("1e-05s 1e-05s", reduced);
        Assert.DoesNotContain("1e-05s", full);
    }
}
