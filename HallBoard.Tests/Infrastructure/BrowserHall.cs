using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HallBoard.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserHall : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // One Chromium (and one Playwright driver) for the whole test run: starting both for every test class was about
    // 1.5 s of CPU each time. Classes stay apart by their own app and their own browser contexts, closed with the class.
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(LaunchAsync);

    private readonly List<IBrowserContext> _contexts = [];

    public HallAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run ./test.sh, which installs it.");
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        Browser = await SharedBrowser.Value;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Task.Run(() => browser.CloseAsync()).Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }

    /// <summary>A fresh browser context, like a separate device: tablet 1280×800 by default.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 800) => NewPageAtAsync(BaseUrl, width, height);

    /// <summary>A fresh browser context on another server, such as the app run as its own process.</summary>
    public async Task<IPage> NewPageAtAsync(string baseUrl, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    public Task<IPage> SignedInPageAsync(string userName, int width = 1280, int height = 800) =>
        SignedInPageAtAsync(BaseUrl, userName, width, height);

    public async Task<IPage> SignedInPageAtAsync(string baseUrl, string userName, int width = 1280, int height = 800)
    {
        var page = await NewPageAtAsync(baseUrl, width, height);
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", HallBoard.Data.DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login"), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"{userName} did not get past sign-in; the page at {page.Url} says: {text[..Math.Min(300, text.Length)]}", e);
        }
        return page;
    }

    /// <summary>Opens a page and waits until its circuit is live, so clicks reach the server.</summary>
    public static async Task GoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("#hb-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public async Task DisposeAsync()
    {
        List<IBrowserContext> contexts;
        lock (_contexts) contexts = [.. _contexts];
        foreach (var context in contexts) await context.CloseAsync();
        await App.DisposeAsync();
    }
}
