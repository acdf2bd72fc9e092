using Microsoft.Playwright;

namespace HallBoard.Benchmarks;

/// <summary>Debian's Chromium driven by Playwright; every page in a context of its own, like a separate screen.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseUrl;

    private Browser(IPlaywright playwright, IBrowser browser, Uri baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        _baseUrl = baseUrl;
    }

    public static async Task<Browser?> LaunchAsync(Uri baseUrl)
    {
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"  Chromium is missing at {ChromiumPath} (apt-get install chromium): browser parts skipped");
            return null;
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new Browser(playwright, browser, baseUrl);
    }

    public string Version => _browser.Version;

    /// <summary>
    /// A wall-sized page in a fresh context, signed in through the login form and sent on to <paramref name="path"/>, so
    /// the page starts one circuit only (a second navigation would leave the first one behind for a while). Returns the
    /// page, or why <paramref name="path"/> could not be shown (the page not there yet, a refusal).
    /// </summary>
    public async Task<(IPage Page, string? Problem)> SignedInPageAsync(string userName, string path, int width = 1920, int height = 1080)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", HallBoardProcess.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        var status = await page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? 0");
        var at = new Uri(page.Url).AbsolutePath;
        string? problem = status >= 400 ? $"HTTP {status}"
            : !string.Equals(at, path, StringComparison.OrdinalIgnoreCase) ? $"landed on {at}"
            : null;
        return (page, problem);
    }

    public static async Task CloseAsync(IPage page) => await page.Context.CloseAsync();

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
