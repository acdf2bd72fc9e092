namespace HallBoard.Features.Satisfaction;

public static class SatisfactionSetup
{
    public static IServiceCollection AddSatisfaction(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SatisfactionOptions>(config.GetSection("Satisfaction"));
        services.AddSingleton<SatisfactionLinks>();
        return services;
    }
}
