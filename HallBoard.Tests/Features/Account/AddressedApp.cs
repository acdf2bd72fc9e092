using System.Net;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Account;

/// <summary>The app with its own clock, where a test client chooses the address it signs in from
/// (header <see cref="Header"/>), as tablets and screens on different machines would.</summary>
public sealed class AddressedApp : HallAppFactory
{
    public const string Header = "X-Test-Client-Address";

    public AddressedApp() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 10, TimeSpan.Zero));

    public FakeTimeProvider FakeClock => (FakeTimeProvider)Clock!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, AddressFilter>());
    }

    public HttpClient From(string address)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[Header], out var address)) ctx.Connection.RemoteIpAddress = address;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
