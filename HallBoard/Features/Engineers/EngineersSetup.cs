using HallBoard.Features.Tickets;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HallBoard.Features.Engineers;

public static class EngineersSetup
{
    public static IServiceCollection AddEngineers(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<EngineerPresenceOptions>(config.GetSection("Live"));
        services.AddSingleton<EngineerStatusBook>();
        services.AddSingleton<EngineerPresence>();
        services.AddSingleton<ITicketSaveParticipant, EngineerStatusFollowsTickets>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, EngineerCircuitHandler>());
        services.AddHostedService<EngineerPresenceMonitor>();
        return services;
    }
}
