using HallBoard.Features.Tickets;

namespace HallBoard.Features.Feedback;

public static class FeedbackSetup
{
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<FeedbackOptions>(config.GetSection("Feedback"));
        services.AddSingleton<FeedbackCommands>();
        services.AddSingleton<FeedbackQueries>();
        services.AddSingleton<FeedbackThrottle>();
        services.AddSingleton<ITicketChangeSubscriber, BadRatingNotices>();
        return services;
    }
}
