using HallBoard.Features.Tickets;

namespace HallBoard.Features.Wall;

public static class WallSetup
{
    public static IServiceCollection AddWall(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WallOptions>(config.GetSection("Wall"));
        services.AddSingleton<IHallAlertSource, SlaAlertSource>();
        services.AddSingleton<IHallAlertSource, DutyAlertSource>();
        services.AddSingleton<HallAlerts>();
        services.AddSingleton<WallQueries>();
        services.AddSingleton<WallSnapshots>();
        services.AddSingleton<HallFiguresPublisher>();
        // Registration order is the order subscribers hear a change: the screens' notice first, then the figures.
        services.AddSingleton<ITicketChangeSubscriber, TicketChangeNotices>();
        services.AddSingleton<ITicketChangeSubscriber, FiguresFollowTickets>();
        services.AddHostedService<HallAlertMonitor>();
        return services;
    }
}
