namespace HallBoard.Features.Problems;

/// <summary>Difficult problems (疑难问题); registered with the knowledge base, which their resolutions feed.</summary>
public static class ProblemsSetup
{
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddSingleton<ProblemCommands>();
        services.AddSingleton<ProblemQueries>();
        return services;
    }
}
