using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Api;

namespace HallBoard.Features.Tickets;

public static class TicketsSetup
{
    /// <summary>Who may change tickets: the hall's people and integrations (API keys); never a wall screen.</summary>
    public static readonly string[] Writers = [.. Roles.StaffRoles, ApiKeyAuthentication.IntegrationRole];

    public static IServiceCollection AddTickets(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SlaOptions>(config.GetSection("Sla"));
        services.AddSingleton<TicketChangePublisher>();
        services.AddSingleton<TicketCommands>();
        services.AddSingleton<TicketQueries>();
        return services;
    }
}
