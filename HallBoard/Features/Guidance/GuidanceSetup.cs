namespace HallBoard.Features.Guidance;

public static class GuidanceSetup
{
    /// <summary>Who maintains the hall's guidance list (the page shows the editor to these roles).</summary>
    public static readonly string[] Editors = [Account.Roles.HallLead, Account.Roles.Admin];

    public static IServiceCollection AddGuidance(this IServiceCollection services)
    {
        services.AddSingleton<GuidanceItems>();
        services.AddSingleton<GuidanceStats>();
        return services;
    }
}
