namespace HallBoard.Features.Problems;

/// <summary>Difficult problems (疑难问题); registered with the knowledge base, which their resolutions feed.</summary>
public static class ProblemsSetup
{
    /// <summary>Who opens the problem pages: the knowledge roles, and the bureau, which answers in the discussion.</summary>
    public const string Readers = $"{Knowledge.KnowledgeSetup.KnowledgeRoles},{Account.Roles.Bureau}";

    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddSingleton<ProblemCommands>();
        services.AddSingleton<ProblemQueries>();
        return services;
    }
}
