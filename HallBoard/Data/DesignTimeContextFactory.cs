using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HallBoard.Data;

/// <summary>
/// For <c>dotnet ef</c> only: HALLBOARD_PROVIDER (Sqlite, default, or Postgres) picks the migration set, e.g.
/// <c>HALLBOARD_PROVIDER=Postgres dotnet ef migrations add X -o Data/Migrations/Postgres -n HallBoard.Data.Migrations.Postgres</c>.
/// Adding a migration needs no server; HALLBOARD_CONNECTION points <c>database update</c> at one.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HallDbContext>
{
    public HallDbContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("HALLBOARD_PROVIDER") is { Length: > 0 } p ? p : "Sqlite", ignoreCase: true);
        var connection = Environment.GetEnvironmentVariable("HALLBOARD_CONNECTION") is { Length: > 0 } c ? c
            : provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=hallboard" : "Data Source=data/hallboard.db";
        var options = new DbContextOptionsBuilder<HallDbContext>().UseHallDatabase(provider, connection);
        return new HallDbContext(options.Options);
    }
}
