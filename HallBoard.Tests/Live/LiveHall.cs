using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using HallBoard.Data;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Live;

/// <summary>The app on a real Kestrel port (so hub clients use WebSockets, as wall screens do).</summary>
public sealed class LiveHall : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private LiveHall(HallAppFactory app, Uri baseUrl)
    {
        App = app;
        BaseUrl = baseUrl;
    }

    public HallAppFactory App { get; }
    public Uri BaseUrl { get; }
    public Uri HubUrl => new(BaseUrl, "hubs/hall");

    public static LiveHall Start(IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var app = new HallAppFactory { Clock = clock };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) app.Settings[key] = value;
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        return new LiveHall(app, new Uri(address + "/"));
    }

    /// <summary>A hub connection (not started) with an API key, a sign-in cookie, or neither.</summary>
    public HubConnection Hub(string? apiKey = HallAppFactory.ApiKey, CookieContainer? cookies = null) =>
        new HubConnectionBuilder().WithUrl(HubUrl, o =>
        {
            if (apiKey is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(apiKey);
            if (cookies is not null) o.Cookies = cookies;
        }).Build();

    public async Task<(HubConnection Hub, EventLog Events)> JoinedAsync(string hallCode = DemoData.HallCode, string? apiKey = HallAppFactory.ApiKey)
    {
        var (hub, events, _) = await JoinedWithSequenceAsync(hallCode, apiKey);
        return (hub, events);
    }

    /// <summary>As <see cref="JoinedAsync"/>, with the sequence number JoinHall answered (the last one sent to the hall).</summary>
    public async Task<(HubConnection Hub, EventLog Events, long Sequence)> JoinedWithSequenceAsync(string hallCode = DemoData.HallCode,
        string? apiKey = HallAppFactory.ApiKey)
    {
        var hub = Hub(apiKey);
        var events = EventLog.Listen(hub);
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<JsonElement>("JoinHall", hallCode);
        return (hub, events, joined.GetProperty("sequence").GetInt64());
    }

    /// <summary>Stores a new read key bound to one hall (a key reaches only the hall it is bound to) and returns it.</summary>
    public async Task<string> ReadKeyForHallAsync(int hallId, string name = "测试大屏")
    {
        var key = "hb_hall_" + Guid.NewGuid().ToString("N");
        await App.Get<HallBoard.Features.Api.ApiKeys>().ImportAsync(
            name, key, HallBoard.Domain.Actor.System, default, hallId, HallBoard.Data.ApiScopes.Read);
        return key;
    }

    /// <summary>Signs a demo account in through the login form and returns its cookies.</summary>
    public async Task<CookieContainer> SignInAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        var response = await FormPost.SignInAsync(client, userName, DemoData.Password);
        Assert.Equal("/", response.Headers.Location?.ToString());
        return cookies;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Every event a hub connection receives, as raw JSON, in order.</summary>
public sealed class EventLog
{
    public static readonly string[] Names = ["TicketChanged", "EngineerStatusChanged", "FiguresChanged", "AlertRaised", "AlertCleared"];

    private readonly Channel<(string Name, JsonElement Payload)> _received = Channel.CreateUnbounded<(string, JsonElement)>();

    public static EventLog Listen(HubConnection hub)
    {
        var log = new EventLog();
        foreach (var name in Names)
            hub.On<JsonElement>(name, payload => log._received.Writer.TryWrite((name, payload)));
        return log;
    }

    /// <summary>The next event of this name that matches, skipping others (demo data, earlier steps).</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(LiveHall.Patience);
        while (true)
        {
            var (got, payload) = await _received.Reader.ReadAsync(timeout.Token);
            if (got == name && (match is null || match(payload))) return payload;
        }
    }

    /// <summary>The next event of any name; fails when none comes within <see cref="LiveHall.Patience"/>.</summary>
    public async Task<(string Name, JsonElement Payload)> NextAnyAsync()
    {
        using var timeout = new CancellationTokenSource(LiveHall.Patience);
        return await _received.Reader.ReadAsync(timeout.Token);
    }
}
