using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HallBoard.Live;

public static class LiveSetup
{
    /// <summary>The live path: notifier → bus (in-process, or Redis when "Live:Redis" is set) → on every
    /// instance the circuits' feed and the hub's clients.</summary>
    public static IServiceCollection AddHallLive(this IServiceCollection services, IConfiguration configuration)
    {
        // Options are read when first used, not here, so settings added late (tests, hosting) still count.
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection("Live"));
        KeepThreadsReady(configuration.GetValue("Live:MinWorkerThreads", new LiveOptions().MinWorkerThreads));
        services.AddSingleton<HallFeed>();
        services.AddSingleton<HallNotifier>();
        services.AddSingleton<HallSequencer>();
        services.AddSingleton<HallDelivery>();
        services.AddSingleton<HubBroadcaster>();
        services.AddSingleton<HallDirectory>();
        services.AddSingleton<HubConnectionLimiter>();
        services.AddSingleton<HubKeyConnections>();
        services.AddSingleton<InProcessHallBus>();
        services.AddSingleton<RedisHallBus>();
        services.AddSingleton<IHallBus>(sp => sp.GetRequiredService<IOptions<LiveOptions>>().Value.UsesRedis
            ? sp.GetRequiredService<RedisHallBus>()
            : sp.GetRequiredService<InProcessHallBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisHallBus>());
        services.AddHealthChecks().AddCheck<RedisHallBus.HealthCheck>("live-bus");

        // Options for this hub only: Blazor's own circuit hub keeps its settings.
        services.AddSignalR().AddHubOptions<HallHub>(o => o.MaximumParallelInvocationsPerClient = 1);
        services.AddOptions<HubOptions<HallHub>>().Configure<IOptions<LiveOptions>>((hub, live) =>
            hub.MaximumReceiveMessageSize = live.Value.MaxMessageBytes);
        return services;
    }

    /// <summary>Raises (never lowers) the thread pool's minimum of worker threads for the whole process; see
    /// <see cref="LiveOptions.MinWorkerThreads"/>.</summary>
    private static void KeepThreadsReady(int workers)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        if (workers > minWorkers) ThreadPool.SetMinThreads(workers, minIo);
    }

    public static IEndpointRouteBuilder MapHallLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<HallHub>(HallHub.Path, o =>
        {
            // A sign-in that expires (or a cookie that ends) ends the connection too.
            o.CloseOnAuthenticationExpiration = true;
        });
        return app;
    }
}
