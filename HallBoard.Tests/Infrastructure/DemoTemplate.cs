using System.Collections.Concurrent;
using System.Globalization;
using HallBoard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// The demo hall as a Development app seeds it at start (accounts, API key, tickets, knowledge articles), seeded once
/// per test run for each start moment and settings an app asks for. Such an app starts on a copy of it, as the app does
/// when it is restarted on its own database: seeding through the real commands was the largest part of every app's start.
/// </summary>
public static class DemoTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Seeded = new();

    /// <summary>Copies the demo hall seeded at <paramref name="start"/> (null: the real clock, now) under
    /// <paramref name="settings"/> to a new SQLite file.</summary>
    public static void CopySqliteTo(string path, FakeTimeProvider? start, IReadOnlyDictionary<string, string?> settings) =>
        File.Copy(Get(DatabaseProvider.Sqlite, start, settings), path);

    /// <summary>A new PostgreSQL database holding the demo hall seeded at <paramref name="start"/> under
    /// <paramref name="settings"/>; returns its name.</summary>
    public static Task<string> CreatePostgresDatabaseAsync(PostgresServer server, FakeTimeProvider? start, IReadOnlyDictionary<string, string?> settings) =>
        server.CreateDatabaseAsync(Get(DatabaseProvider.Postgres, start, settings));

    private static string Get(DatabaseProvider provider, FakeTimeProvider? start, IReadOnlyDictionary<string, string?> settings)
    {
        var at = start?.GetUtcNow();
        var zone = start?.LocalTimeZone;
        var key = string.Join('\n', [provider.ToString(), at?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "now", zone?.Id ?? "",
            .. settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")]);
        var seeded = Seeded.GetOrAdd(key, _ => new Lazy<string>(() => Isolated(async () =>
        {
            var settingsForSeeding = settings.ToDictionary();
            return provider == DatabaseProvider.Postgres
                ? await SeedPostgresAsync(at, zone, settingsForSeeding)
                : await SeedSqliteAsync(at, zone, settingsForSeeding);
        })));
        return seeded.Value;
    }

    private static async Task<string> SeedSqliteAsync(DateTimeOffset? at, TimeZoneInfo? zone, Dictionary<string, string?> settings)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hallboard-demo-{Guid.NewGuid():N}.db");
        SqliteTemplate.CopyTo(path);
        var connection = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        settings["ConnectionStrings:HallBoard"] = connection;
        await SeedAsync(at, zone, settings);
        // The seeding app's pooled connections hold the write-ahead log open; closed, it is folded into the one file.
        using (var pooled = new SqliteConnection(connection)) SqliteConnection.ClearPool(pooled);
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

    private static async Task<string> SeedPostgresAsync(DateTimeOffset? at, TimeZoneInfo? zone, Dictionary<string, string?> settings)
    {
        var server = await PostgresServer.SharedAsync();
        var name = await server.CreateDatabaseAsync();
        var connection = server.ConnectionString(name);
        settings["Database:Provider"] = nameof(DatabaseProvider.Postgres);
        settings["ConnectionStrings:HallBoard"] = connection;
        await SeedAsync(at, zone, settings);
        // PostgreSQL copies a database only while nobody is connected to it.
        using (var pooled = new NpgsqlConnection(connection)) NpgsqlConnection.ClearPool(pooled);
        return name;
    }

    /// <summary>Starts and stops a Development app on the given database: its start seeds the demo hall.</summary>
    private static async Task SeedAsync(DateTimeOffset? at, TimeZoneInfo? zone, Dictionary<string, string?> settings)
    {
        FakeTimeProvider? clock = null;
        if (at is { } moment)
        {
            clock = new FakeTimeProvider(moment);
            clock.SetLocalTimeZone(zone!);
        }
        await using var app = new HallAppFactory { Clock = clock };
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
