using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;

namespace HallBoard.Features.Escalations;

public static class EscalationsSetup
{
    public static IServiceCollection AddEscalations(this IServiceCollection services)
    {
        services.AddSingleton<EscalationCommands>();
        services.AddSingleton<EscalationQueries>();
        services.AddSingleton<EscalationMarks>();
        services.AddSingleton<ITicketSaveParticipant, EscalationMarksFollowSaves>();
        services.AddSingleton<IHallAlertSource, EscalationAlertSource>();
        return services;
    }
}
