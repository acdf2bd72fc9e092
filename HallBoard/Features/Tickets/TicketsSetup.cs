using HallBoard.Domain;

namespace HallBoard.Features.Tickets;

public static class TicketsSetup
{
    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SlaOptions>(config.GetSection("Sla"));
        services.AddSingleton<TicketChangePublisher>();
        services.AddSingleton<TicketCommands>();
        services.AddSingleton<TicketQueries>();
        return services;
    }
}
