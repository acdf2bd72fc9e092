using System.Collections.Concurrent;
using System.Net;
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
    // 1.5 s of CPU each time. Classes stay apart by their own app, and by tabs signed out between them (below).
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(LaunchAsync);

    // A new tab in a new context cost Chromium about 2.6 s of CPU more than a parked one (a new window and renderer
    // process, and every script and stylesheet compiled cold), and classes open about 30. So a class's app listens on a
    // port a finished class left free, and its pages are that class's tabs, signed out and parked on about:blank. The
    // contexts' base address names the port, which is why the port goes with the tabs.
    private static readonly ConcurrentBag<Seat> FreeSeats = [];

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<IPage> _seated = [];
    private Seat? _seat;

    public HallAppFactory App { get; private set; } = new();
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run ./test.sh, which installs it.");
        Browser = await SharedBrowser.Value;
        _seat = FreeSeats.TryTake(out var free) ? free : null;
        if (_seat is not null && !TryStartOn(_seat.Port))
        {
            // Someone else took the port meanwhile: its tabs' base address is useless now.
            await _seat.CloseAsync();
            _seat = null;
        }
        if (_seat is null)
        {
            StartOn(0);
            _seat = new Seat(new Uri(BaseUrl).Port);
        }
    }

    private bool TryStartOn(int port)
    {
        try
        {
            StartOn(port);
            return true;
        }
        catch (IOException)
        {
            var settings = App.Settings;
            App.Dispose();
            App = new HallAppFactory();
            foreach (var (key, value) in settings) App.Settings[key] = value;
            return false;
        }
    }

    private void StartOn(int port)
    {
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
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
        var seated = baseUrl == BaseUrl;
        if (seated && _seat!.TryUnpark(out var parked))
        {
            await parked.SetViewportSizeAsync(width, height);
            lock (_seated) _seated.Add(parked);
            return parked;
        }
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            // The app honours reduced motion (app.css); spared the ripples and slides, Chromium did about 8% less work.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (seated) lock (_seated) _seated.Add(page);
        else lock (_contexts) _contexts.Add(context);
        return page;
    }

    /// <summary>A new tablet signed in through the sign-in page as <paramref name="userName"/>. With
    /// <paramref name="at"/> it lands there, live, as a link followed while signed out does: one page load, not two.</summary>
    public Task<IPage> SignedInPageAsync(string userName, int width = 1280, int height = 800, string? at = null) =>
        SignedInPageAtAsync(BaseUrl, userName, width, height, at);

    public async Task<IPage> SignedInPageAtAsync(string baseUrl, string userName, int width = 1280, int height = 800, string? at = null)
    {
        var page = await NewPageAtAsync(baseUrl, width, height);
        await page.GotoAsync(at is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(at)}");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", HallBoard.Data.DemoData.Password);
        // The sign-in post's redirect tells the outcome at once, a refusal included.
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/account/login"));
        var landing = await answer.HeaderValueAsync("location") ?? "";
        if (landing.Contains("/login"))
        {
            throw new InvalidOperationException($"{userName} did not get past sign-in: it was sent to {landing}");
        }
        if (at is not null) await page.Locator("#hb-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        else await WaitForAddressAsync(page, "^/login", matching: false); // the landing page, not a sign-in form still unloading
        return page;
    }

    /// <summary>Waits until the page's address (path and query) matches <paramref name="pattern"/>, or with
    /// <paramref name="matching"/> false stops matching it, and returns the address. The page itself is asked, so a full
    /// load and an in-app move count alike; Playwright's URL waits also wait for a load event, which under a busy machine
    /// once went uncounted. A timeout says what the page shows instead.</summary>
    public static async Task<string> WaitForAddressAsync(IPage page, string pattern, bool matching = true)
    {
        try
        {
            var address = await page.WaitForFunctionAsync(
                "([pattern, matching]) => new RegExp(pattern).test(location.pathname + location.search) === matching && location.href",
                new object[] { pattern, matching }, new() { PollingInterval = 100 });
            return await address.JsonValueAsync<string>();
        }
        catch (TimeoutException e)
        {
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"the address did not {(matching ? "match" : "leave")} {pattern}; the page at {page.Url} says: {text[..Math.Min(400, text.Length)]}", e);
        }
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
        List<IPage> seated;
        lock (_contexts) contexts = [.. _contexts];
        lock (_seated) seated = [.. _seated];
        foreach (var context in contexts) await context.CloseAsync();
        // Parked before the app stops, so their circuits end as when a user leaves, not in a reconnect loop.
        foreach (var page in seated) await _seat!.ParkAsync(page);
        await App.DisposeAsync();
        if (_seat is not null) FreeSeats.Add(_seat);
    }

    /// <summary>A loopback port and the signed-out tabs whose contexts have it as their base address.</summary>
    private sealed class Seat(int port)
    {
        private readonly ConcurrentStack<IPage> _parked = new();

        public int Port => port;

        public bool TryUnpark(out IPage page) => _parked.TryPop(out page!);

        /// <summary>Leaves the page as a new device would find it: no cookies, no storage, nothing loaded.</summary>
        public async Task ParkAsync(IPage page)
        {
            try
            {
                if (page.IsClosed || page.Context.Pages.Count != 1) throw new PlaywrightException("not a lone tab");
                await page.EvaluateAsync("() => { try { localStorage.clear(); sessionStorage.clear(); } catch { } }");
                await page.GotoAsync("about:blank");
                await page.Context.ClearCookiesAsync();
                // A test may have printed or asked for full motion: the next one gets the tablet as its context made it.
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Null, ReducedMotion = ReducedMotion.Reduce });
                _parked.Push(page);
            }
            catch (PlaywrightException)
            {
                await page.Context.CloseAsync();
            }
        }

        public async Task CloseAsync()
        {
            while (_parked.TryPop(out var page)) await page.Context.CloseAsync();
        }
    }
}
