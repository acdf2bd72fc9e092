using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HallBoard.Benchmarks;

/// <summary>The floor: a hub that does nothing but broadcast, so what it measures is SignalR, Kestrel and this machine.</summary>
public sealed class FloorHub : Hub;

/// <summary>A minimal Kestrel app on 127.0.0.1 hosting <see cref="FloorHub"/>, inside the benchmark process.</summary>
public sealed class FloorServer : IAsyncDisposable
{
    public const string Path = "/hubs/floor";

    private readonly WebApplication _app;

    private FloorServer(WebApplication app, Uri hubUrl)
    {
        _app = app;
        HubUrl = hubUrl;
        Hub = app.Services.GetRequiredService<IHubContext<FloorHub>>();
    }

    public Uri HubUrl { get; }
    public IHubContext<FloorHub> Hub { get; }

    public static async Task<FloorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<FloorHub>(Path);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FloorServer(app, new Uri(address.TrimEnd('/') + Path));
    }

    /// <summary>One change, shaped and sized like HallBoard's TicketChanged event.</summary>
    public Task BroadcastAsync(string number)
    {
        var now = DateTime.UtcNow;
        return Hub.Clients.All.SendAsync("TicketChanged", new
        {
            hallCode = "GX", ticketId = 1, number, status = "Waiting", statusLabel = "待受理",
            category = "Consultation", categoryLabel = "咨询", priority = "Normal", priorityLabel = "普通",
            taxpayer = "基**", engineer = (string?)null, createdUtc = now, responseDueUtc = now.AddMinutes(10),
            takenUtc = (DateTime?)null, atUtc = now,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
