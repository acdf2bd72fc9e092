using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;

namespace HallBoard.Features.Staffing;

public static class StaffingSetup
{
    public const string Editors = $"{Account.Roles.HallLead},{Account.Roles.Manager},{Account.Roles.Admin}";
    public const string Approvers = $"{Account.Roles.HallLead},{Account.Roles.Manager}";

    /// <summary>Who opens the transfer requests page: the editors who put them, the bureau that answers them.</summary>
    public const string TransferViewers = $"{Editors},{Account.Roles.Bureau}";

    public static IServiceCollection AddStaffing(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<AfterHoursOptions>(config.GetSection("Sla:AfterHours"));
        services.AddSingleton<RosterBook>();
        services.AddSingleton<LeaveBook>();
        services.AddSingleton<DisciplineBook>();
        services.AddSingleton<TransferConsents>();
        services.AddSingleton<StaffingQueries>();
        services.AddSingleton<RosteredDuty>();
        services.AddSingleton<AfterHoursHotline>();
        services.AddSingleton<ITicketSaveParticipant, AfterHoursIntake>();
        services.AddSingleton<IHallAlertSource, ReplacementAlertSource>();
        services.AddSingleton<StaffingMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffingMonitor>());
        return services;
    }
}
