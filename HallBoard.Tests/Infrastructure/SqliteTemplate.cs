using HallBoard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// One SQLite file migrated once per test run: each app's database starts as a copy of it, as the PostgreSQL databases
/// start from <see cref="PostgresServer"/>'s template. The app's own migration then finds nothing left to apply.
/// </summary>
public static class SqliteTemplate
{
    private static readonly Lazy<string> Migrated = new(Create);

    public static void CopyTo(string path) => File.Copy(Migrated.Value, path);

    private static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hallboard-template-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var db = new HallDbContext(new DbContextOptionsBuilder<HallDbContext>().UseHallDatabase(DatabaseProvider.Sqlite, connection).Options))
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
