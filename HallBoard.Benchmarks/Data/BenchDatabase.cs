using HallBoard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HallBoard.Benchmarks.Data;

/// <summary>
/// The database a benchmark generates its history into and reads back: a SQLite file (the embedded default) or a
/// PostgreSQL database named by a connection string (<c>--postgres</c>). Either way the app's own migrations make the
/// schema and the app's own provider set-up opens it.
/// </summary>
public sealed record BenchDatabase(DatabaseProvider Provider, string Target)
{
    public static BenchDatabase SqliteFile(string path) => new(DatabaseProvider.Sqlite, path);

    public static BenchDatabase PostgresDatabase(string connectionString) => new(DatabaseProvider.Postgres, connectionString);

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public string ConnectionString => IsPostgres ? Target : $"Data Source={Target};Pooling=True";

    public override string ToString() =>
        IsPostgres ? $"PostgreSQL database {new NpgsqlConnectionStringBuilder(Target).Database}" : $"SQLite file {Target}";

    public DbContextOptions<HallDbContext> Options() =>
        new DbContextOptionsBuilder<HallDbContext>().UseHallDatabase(Provider, ConnectionString).Options;

    /// <summary>An empty database with the app's schema: the file or database is dropped and made again.</summary>
    public async Task RecreateAsync()
    {
        if (IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(Target);
            var name = builder.Database ?? throw new ArgumentException("--postgres needs a Database=… in its connection string");
            builder.Database = "postgres";
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(builder.ConnectionString);
            await admin.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
            {
                await using var cmd = new NpgsqlCommand(sql, admin);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Target + suffix);
        }
        await using var db = new HallDbContext(Options());
        await db.Database.MigrateAsync();
    }

    public async Task<ITicketSink> OpenSinkAsync() =>
        IsPostgres ? await PostgresTicketSink.OpenAsync(Target) : await SqliteTicketSink.OpenAsync(Target);

    /// <summary>Tickets in the database, or -1 when it does not exist or has no schema yet.</summary>
    public async Task<long> TicketCountAsync()
    {
        try
        {
            await using var db = new HallDbContext(Options());
            return await db.Tickets.LongCountAsync();
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException) { return -1; }
    }
}
