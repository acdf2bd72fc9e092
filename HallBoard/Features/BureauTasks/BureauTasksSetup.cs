using HallBoard.Features.Wall;

namespace HallBoard.Features.BureauTasks;

public static class BureauTasksSetup
{
    public static IServiceCollection AddBureauTasks(this IServiceCollection services)
    {
        services.AddSingleton<BureauTaskCommands>();
        services.AddSingleton<BureauTaskQueries>();
        services.AddSingleton<RequirementBook>();
        services.AddSingleton<IHallAlertSource, BureauTaskAlertSource>();
        return services;
    }
}
