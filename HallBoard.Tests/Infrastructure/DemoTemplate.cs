using HallBoard.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// The demo hall as a Development app seeds it at start (accounts, API key, tickets, knowledge articles), seeded once
/// per test run and per provider. A plain <see cref="HallAppFactory"/> starts on a copy of it, as the app does when it
/// is restarted on its own database: seeding through the real commands was the largest part of every app's start.
/// Apps with their own clock or settings still seed at start, so their demo data follows their clock and settings.
/// </summary>
public static class DemoTemplate
{
    private static readonly Lazy<string> SqliteFile = new(() => Isolated(SeedSqliteAsync));
    private static readonly Lazy<string> PostgresDatabase = new(() => Isolated(SeedPostgresAsync));

    public static void CopySqliteTo(string path) => File.Copy(SqliteFile.Value, path);

    /// <summary>A new PostgreSQL database holding the seeded demo hall; returns its name.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(PostgresServer server) =>
        await server.CreateDatabaseAsync(PostgresDatabase.Value);

    private static async Task<string> SeedSqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hallboard-demo-{Guid.NewGuid():N}.db");
        SqliteTemplate.CopyTo(path);
        var connection = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        await SeedAsync(new Dictionary<string, string?> { ["ConnectionStrings:HallBoard"] = connection });
        // The seeding app's pooled connections hold the write-ahead log open; closed, it is folded into the one file.
        SqliteConnection.ClearAllPools();
        using (var db = new SqliteConnection(connection + ";Pooling=False"))
        {
            db.Open();
            using var checkpoint = db.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static async Task<string> SeedPostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var name = await server.CreateDatabaseAsync();
        var connection = server.ConnectionString(name);
        await SeedAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:HallBoard"] = connection,
        });
        // PostgreSQL copies a database only while nobody is connected to it.
        using (var pooled = new NpgsqlConnection(connection)) NpgsqlConnection.ClearPool(pooled);
        return name;
    }

    /// <summary>Starts and stops a Development app on the given database: its start seeds the demo hall.</summary>
    private static async Task SeedAsync(Dictionary<string, string?> settings)
    {
        await using var app = new HallAppFactory();
        foreach (var (key, value) in settings) app.Settings[key] = value;
        _ = app.Services;
    }

    /// <summary>Runs on a thread of its own with no ambient state: the seeding app is built while another app's host
    /// is being built, and must not see that host's ambient (async-local) state.</summary>
    private static string Isolated(Func<Task<string>> seed)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(seed).GetAwaiter().GetResult();
    }
}
