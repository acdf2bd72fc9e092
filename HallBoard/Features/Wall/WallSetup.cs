using Microsoft.AspNetCore.DataProtection;

namespace HallBoard.Features.Wall;

public static class WallSetup
{
    /// <summary>What a wall screen's script calls now and then, so its sign-in slides on while it runs for weeks.</summary>
    public const string KeepAlivePath = "/wall/keepalive";

    public static IServiceCollection AddWall(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WallOptions>(config.GetSection("Wall"));
        services.AddSingleton<IHallAlertSource, SlaAlertSource>();
        services.AddSingleton<IHallAlertSource, DutyAlertSource>();
        services.AddSingleton<HallAlerts>();
        services.AddSingleton<WallQueries>();
        services.AddSingleton<WallSnapshots>();
        services.AddSingleton<HallFiguresPublisher>();
        services.AddHostedService<HallAlertMonitor>();
        return services;
    }

    public static IEndpointRouteBuilder MapWall(this IEndpointRouteBuilder app)
    {
        app.MapGet(KeepAlivePath, () => Results.NoContent()).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Keeps the keys that protect sign-in cookies in a folder beside the database ("DataProtection:KeysPath" to
    /// choose another), so a restart or a new app version does not sign out every screen: a wall reloads after a
    /// restart and must still be signed in.
    /// </summary>
    public static WebApplicationBuilder PersistSignInKeys(this WebApplicationBuilder builder)
    {
        var folder = builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(DatabaseFolder(builder.Configuration, builder.Environment.ContentRootPath), "keys");
        if (!Path.IsPathRooted(folder)) folder = Path.Combine(builder.Environment.ContentRootPath, folder);
        // The keys are stored unencrypted (there is no DPAPI on Linux): only the app's own account may read them.
        var keys = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(folder)
            : Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.Services.AddDataProtection()
            .SetApplicationName("HallBoard")
            .PersistKeysToFileSystem(keys);
        return builder;
    }

    private static string DatabaseFolder(IConfiguration config, string contentRoot)
    {
        var path = config["Database:Path"] is { Length: > 0 } p ? p : Path.Combine("data", "hallboard.db");
        if (!Path.IsPathRooted(path)) path = Path.Combine(contentRoot, path);
        return Path.GetDirectoryName(path) ?? contentRoot;
    }
}
