using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;

namespace HallBoard.Features.Escalations;

public static class EscalationsSetup
{
    /// <summary>Who sees and answers the open escalations of a hall.</summary>
    public const string Answerers = $"{Account.Roles.HallLead},{Account.Roles.Manager},{Account.Roles.Admin}";

    /// <summary>Who opens /escalations: the answerers, and the bureau for the escalations addressed to it in its halls.</summary>
    public const string Viewers = $"{Answerers},{Account.Roles.Bureau}";

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
