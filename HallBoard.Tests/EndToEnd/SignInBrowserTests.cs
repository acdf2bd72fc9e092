using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.EndToEnd;

[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class SignInBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task A_wrong_password_is_told_in_chinese_and_the_right_one_signs_in()
    {
        var page = await hall.NewPageAsync();
        await page.GotoAsync("/queue");
        await page.WaitForURLAsync(url => url.Contains("/login?returnUrl=%2Fqueue"));

        await page.FillAsync("#userName", "eng4");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).WaitForAsync();
        Assert.Contains("用户名或密码错误", await page.GetByRole(Microsoft.Playwright.AriaRole.Alert).InnerTextAsync());

        await page.FillAsync("#userName", "eng4");
        await page.FillAsync("#password", HallBoard.Data.DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await page.GetByText("刘洋").First.WaitForAsync();
    }
}
