using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The knowledge pages in Chromium: the search as typed, and the handbook on paper.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class KnowledgeBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task Typing_a_fragment_on_the_knowledge_page_narrows_the_list()
    {
        var page = await hall.SignedInPageAsync("eng2", at: "/knowledge");
        await page.GetByText("灵活就业人员社保缴费基数怎么选").WaitForAsync();

        await page.FillAsync("#knowledge-search", "ca证书");

        await page.Locator(".hb-article-list").GetByText("CA证书过期后无法在电子税务局申报").WaitForAsync();
        await page.GetByText("灵活就业人员社保缴费基数怎么选").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(1, await page.Locator(".hb-article-list .mud-list-item").CountAsync());
    }

    [Fact]
    public async Task The_printed_handbook_shows_the_articles_by_category_without_the_app_s_chrome()
    {
        var page = await hall.SignedInPageAsync("lead", at: "/knowledge/handbook");
        await page.Locator(".hb-handbook-section h2").First.WaitForAsync();
        var headings = await page.Locator(".hb-handbook-section h2").AllInnerTextsAsync();
        Assert.Equal(["登录与身份认证", "申报", "发票", "社保", "个税"], headings);
        Assert.True(await page.Locator(".mud-appbar").IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator(".mud-appbar").IsVisibleAsync());
        Assert.False(await page.Locator(".hb-no-print").IsVisibleAsync());
        Assert.True(await page.Locator(".hb-handbook").IsVisibleAsync());
        var breaks = await page.Locator(".hb-handbook-section").EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).breakBefore)");
        Assert.Equal("page", breaks[1]);
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
        Assert.True(pdf.Length > 1000);
    }
}
