using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;

namespace HallBoard.Features.Staffing;

public static class StaffingSetup
{
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
