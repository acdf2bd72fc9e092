using HallBoard.Features.Wall;

namespace HallBoard.Features.BureauTasks;

public static class BureauTasksSetup
{
    /// <summary>Who opens the task and requirement pages; the services decide each move (docs/security.md).</summary>
    public const string Readers = $"{Account.Roles.Engineer},{Account.Roles.HallLead},{Account.Roles.Manager},{Account.Roles.Admin},{Account.Roles.Bureau}";

    public static IServiceCollection AddBureauTasks(this IServiceCollection services)
    {
        services.AddSingleton<BureauTaskCommands>();
        services.AddSingleton<BureauTaskQueries>();
        services.AddSingleton<RequirementBook>();
        services.AddSingleton<IHallAlertSource, BureauTaskAlertSource>();
        return services;
    }
}
