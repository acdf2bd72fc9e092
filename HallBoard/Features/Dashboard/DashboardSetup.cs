using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HallBoard.Features.Dashboard;

public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardRollup>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<DashboardRollup>());
        services.AddHostedService<DashboardRollupCheck>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<DashboardWorkbook>();
        return services;
    }
}
