using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.Features.Tickets;

public sealed class ZzScratchScreens(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task Shots()
    {
        foreach (var (w, h) in new[] { (1280, 800), (1024, 768) })
        {
            var page = await hall.SignedInPageAsync("eng1", w, h);
            await page.GotoAsync("/intake");
            await page.WaitForSelectorAsync("#taxpayerId");
            await page.WaitForTimeoutAsync(1500);
            await page.FillAsync("#taxpayerId", "11010519491231002X");
            await page.WaitForTimeoutAsync(1000);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/intake-{w}.png", FullPage = true });
            await page.FillAsync("#taxpayerPhone", "1380013");
            await page.ClickAsync("text=提交录入");
            await page.WaitForTimeoutAsync(800);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/intake-err-{w}.png", FullPage = true });
            await page.GotoAsync("/queue");
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/queue-{w}.png", FullPage = true });
            await page.GotoAsync("/followups");
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/followups-{w}.png", FullPage = true });
            await page.GotoAsync("/tickets/3");
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/detail3-{w}.png", FullPage = true });
            await page.ClickAsync("text=扫码评价");
            await page.WaitForTimeoutAsync(1000);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/qr-{w}.png" });
            await page.GotoAsync("/tickets/2");
            await page.WaitForTimeoutAsync(1500);
            await page.ClickAsync("text=转交");
            await page.WaitForTimeoutAsync(800);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/detail2-{w}.png", FullPage = true });
        }
    }
}
