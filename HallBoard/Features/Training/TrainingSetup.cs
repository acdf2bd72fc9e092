using HallBoard.Features.Account;

namespace HallBoard.Features.Training;

public static class TrainingSetup
{
    public static IServiceCollection AddTraining(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TrainingOptions>(config.GetSection("Training"));
        services.AddSingleton<TrainingBook>();
        services.AddSingleton<TrainingQueries>();
        services.AddSingleton<TrainingWorkbook>();
        services.AddSingleton<SurveyThrottle>();
        return services;
    }
}
