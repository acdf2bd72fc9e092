using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HallBoard.Data;

/// <summary>The database engines HallBoard runs on ("Database:Provider"); each has its own migration set.</summary>
public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseProviders
{
    public static DatabaseProvider Of(IConfiguration config) => config["Database:Provider"] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var p) => p,
        var name => throw new InvalidOperationException($"Database:Provider '{name}' is not known: use Sqlite or Postgres."),
    };

    /// <summary>Points the options at the engine and at its own migrations (namespace <c>HallBoard.Data.Migrations.{provider}</c>).</summary>
    public static TBuilder UseHallDatabase<TBuilder>(this TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        if (provider == DatabaseProvider.Postgres) options.UseNpgsql(connectionString);
        else options.UseSqlite(connectionString);
        options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
        return options;
    }

    public static bool IsPostgres(this HallDbContext db) => db.Database.IsNpgsql();
}
