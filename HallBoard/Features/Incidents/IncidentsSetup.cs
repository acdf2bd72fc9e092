using HallBoard.Features.Wall;

namespace HallBoard.Features.Incidents;

public static class IncidentsSetup
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentWorkbook>();
        services.AddSingleton<Plans.ImprovementPlans>();
        services.AddSingleton<IHallAlertSource, IncidentAlertSource>();
        return services;
    }
}
