namespace HallBoard.Features.Guidance;

public static class GuidanceSetup
{
    public static IServiceCollection AddGuidance(this IServiceCollection services)
    {
        services.AddSingleton<GuidanceItems>();
        services.AddSingleton<GuidanceStats>();
        return services;
    }
}
