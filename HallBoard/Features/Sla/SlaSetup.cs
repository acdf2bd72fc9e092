namespace HallBoard.Features.Sla;

public static class SlaSetup
{
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddSingleton<SlaCalendars>();
        services.AddSingleton<SlaCalendarEditor>();
        return services;
    }
}
