namespace HallBoard.Live;

public static class LiveSetup
{
    public static IServiceCollection AddHallLive(this IServiceCollection services)
    {
        services.AddSingleton<HallFeed>();
        services.AddSingleton<HallNotifier>();
        return services;
    }
}
