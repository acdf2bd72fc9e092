namespace HallBoard.Features.Analysis;

public static class AnalysisSetup
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<BusinessVolumes>();
        services.AddSingleton<BusinessAnalysis>();
        return services;
    }
}
