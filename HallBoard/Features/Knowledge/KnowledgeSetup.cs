using HallBoard.Features.Problems;

namespace HallBoard.Features.Knowledge;

public static class KnowledgeSetup
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<KnowledgeCommands>();
        services.AddSingleton<KnowledgeQueries>();
        services.AddSingleton<Handbook>();
        services.AddProblems();
        services.AddScoped<KnowledgeDemoData>();
        return services;
    }
}
