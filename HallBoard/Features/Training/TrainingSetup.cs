namespace HallBoard.Features.Training;

public sealed class TrainingOptions
{
    /// <summary>Survey answer sheets one address may post per window: a whole class may share the hall's Wi-Fi address.</summary>
    public int SurveyPermitLimit { get; set; } = 60;

    public double SurveyWindowMinutes { get; set; } = 10;

    public int SurveyMaxBodyBytes { get; set; } = 32 * 1024;
}

/// <summary>Training sessions and their five documents. Everyone on the staff reads them and signs people in;
/// HallLead and above plan, finish, set the survey and write the conclusion; the survey itself is public.</summary>
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
