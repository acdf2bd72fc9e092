using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HallBoard.Data;

public static class DataSetup
{
    /// <summary>
    /// "Database:Provider" Sqlite (default): a file under the app's data folder ("Database:Path"), or the connection
    /// string "ConnectionStrings:HallBoard" when given. Postgres: "ConnectionStrings:HallBoard", required.
    /// </summary>
    public static WebApplicationBuilder AddHallData(this WebApplicationBuilder builder)
    {
        var provider = DatabaseProviders.Of(builder.Configuration);
        var connectionString = provider == DatabaseProvider.Postgres
            ? builder.Configuration.GetConnectionString("HallBoard") is { Length: > 0 } pg ? pg
                : throw new InvalidOperationException("Database:Provider Postgres needs ConnectionStrings:HallBoard.")
            : SqliteConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
        IInterceptor[] engine = provider == DatabaseProvider.Sqlite ? [new SqlitePragmas(BusyTimeout(builder.Configuration))] : [];
        // Features add save interceptors (e.g. the dashboard's rollup) by registering them as IInterceptor.
        builder.Services.AddDbContextFactory<HallDbContext>((services, o) => o
            .UseHallDatabase(provider, connectionString)
            .AddInterceptors([.. engine, .. services.GetServices<IInterceptor>()]));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static string SqliteConnectionString(IConfiguration config, string contentRoot)
    {
        var configured = config.GetConnectionString("HallBoard");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var path = DatabaseFile(config, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Microsoft.Data.Sqlite retries a busy database until the command timeout runs out, whatever busy_timeout says:
        // left at 30 s, a locked database held every request 30 s instead of the configured wait.
        var busy = (int)BusyTimeout(config).TotalSeconds;
        return new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = busy, Pooling = true }.ToString();
    }

    /// <summary>The SQLite file from "Database:Path" (default data/hallboard.db), relative to the app's folder.</summary>
    public static string DatabaseFile(IConfiguration config, string contentRoot)
    {
        var path = config["Database:Path"] is { Length: > 0 } p ? p : Path.Combine("data", "hallboard.db");
        return Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
    }

    /// <summary>Creates or upgrades the schema; WAL is a property of the file, set once here.</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<HallDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>"Database:BusyTimeoutSeconds" (default 10, 1 to 60): how long a SQLite command waits for another writer
    /// before the request answers 503 "系统繁忙".</summary>
    public static TimeSpan BusyTimeout(IConfiguration config) =>
        TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Database:BusyTimeoutSeconds", 10), 1, 60));

    /// <summary>Every connection waits for a busy writer instead of failing, and commits durably
    /// (synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss).</summary>
    private sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
    {
        private readonly string _pragmas =
            $"PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = _pragmas;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = _pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>Healthy when the database answers a real query, not just when a connection opens.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<HallDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var halls = await db.Halls.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"数据库正常（{halls} 个服务厅）");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("数据库无法访问", ex);
        }
    }
}
