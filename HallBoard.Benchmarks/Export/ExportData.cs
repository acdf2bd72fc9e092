using System.Diagnostics;
using System.Globalization;
using HallBoard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Benchmarks.Export;

/// <summary>
/// A SQLite file with the app's schema (its migrations) and N tickets of one hall over 30 days, written with one
/// prepared INSERT in one transaction: realistic rows (Chinese names, a third assigned and resolved, a quarter rated).
/// </summary>
public static class ExportData
{
    public const string HallName = "基准测试办税服务厅";
    public static readonly DateOnly From = new(2026, 3, 1);
    public static readonly DateOnly To = new(2026, 3, 30);

    public static async Task<(string Path, int HallId, TimeSpan Took)> CreateAsync(string folder, int tickets)
    {
        var path = Path.Combine(folder, $"export-{tickets}.db");
        if (File.Exists(path)) File.Delete(path);
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<HallDbContext>().UseHallDatabase(DatabaseProvider.Sqlite, $"Data Source={path}").Options;
        await using (var db = new HallDbContext(options)) await db.Database.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await Exec(connection, $"INSERT INTO Halls (Code, Name) VALUES ('BM', '{HallName}');");
        var hallId = Convert.ToInt32(await Scalar(connection, "SELECT Id FROM Halls WHERE Code = 'BM'"), CultureInfo.InvariantCulture);
        string[] engineers = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"];
        for (var i = 0; i < engineers.Length; i++)
            await Exec(connection, $"INSERT INTO Engineers (HallId, Name, EmployeeNo, IsActive) VALUES ({hallId}, '{engineers[i]}', 'BM{i + 1:D3}', 1);");
        var firstEngineer = Convert.ToInt32(await Scalar(connection, $"SELECT MIN(Id) FROM Engineers WHERE HallId = {hallId}"), CultureInfo.InvariantCulture);

        await using var tx = connection.BeginTransaction();
        var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO Tickets (HallId, Number, CreatedUtc, Status, Channel, Category, Kind, Priority, TaxpayerName, TaxpayerId,
                TaxpayerPhone, Description, AssigneeId, ResponseDueUtc, ResolveDueUtc, TakenUtc, ResolvedUtc, Resolution,
                FollowUpAttempts, ReopenCount, Version, CreatedById, GuidedOnline)
            VALUES ($hall, $number, $created, $status, $channel, $category, $kind, $priority, $name, NULL, NULL, '纳税人咨询申报流程',
                $assignee, $due, $resolveDue, $taken, $resolved, $resolution, $followUps, 0, 1, 'bench', 0);
            """;
        string[] names = ["hall", "number", "created", "status", "channel", "category", "kind", "priority", "name", "assignee", "due", "resolveDue", "taken", "resolved", "resolution", "followUps"];
        var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter("$" + n, null)));
        insert.Prepare();
        var rate = connection.CreateCommand();
        rate.Transaction = tx;
        rate.CommandText = """
            INSERT INTO Satisfactions (TicketId, Level, Source, AtUtc) VALUES (last_insert_rowid(), $level, 'CallBack', $at);
            INSERT INTO TicketRatings (TicketId, Level, Source, AtUtc) SELECT TicketId, Level, Source, AtUtc FROM Satisfactions WHERE Id = last_insert_rowid();
            """;
        var level = rate.Parameters.Add(new SqliteParameter("$level", null));
        var at = rate.Parameters.Add(new SqliteParameter("$at", null));
        rate.Prepare();

        string[] channels = ["ETaxWeb", "MobileApp", "SelfServiceTerminal", "SmartAreaPc", "Hotline12366", "Counter", "Other"];
        string[] categories = ["LoginIdentity", "Filing", "Invoice", "Payment", "SocialInsurance", "IndividualIncomeTax", "SystemFault", "Consultation", "Other"];
        string[] kinds = ["Consultation", "Fault", "Guidance", "Complaint", "Suggestion"];
        string[] priorities = ["Low", "Normal", "High", "Urgent"];
        string[] levels = ["VerySatisfied", "Satisfied", "Basic", "Dissatisfied", "VeryDissatisfied"];
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
        var start = From.ToDateTime(TimeOnly.MinValue).AddHours(-8); // local midnight in UTC
        var span = (To.DayNumber - From.DayNumber + 1) * 86_400.0;
        p["hall"].Value = hallId;
        for (var i = 0; i < tickets; i++)
        {
            var created = start.AddSeconds(span * i / tickets);
            var worked = i % 3 != 0;
            var rated = i % 4 == 0 && worked;
            p["number"].Value = $"BM-{created:yyyyMMdd}-{i:D7}";
            p["created"].Value = created;
            p["status"].Value = rated ? "Closed" : worked ? "Resolved" : "Waiting";
            p["channel"].Value = channels[i % channels.Length];
            p["category"].Value = categories[i % categories.Length];
            p["kind"].Value = kinds[i % kinds.Length];
            p["priority"].Value = priorities[i % priorities.Length];
            p["name"].Value = i % 5 == 0 ? $"厦门{surnames[i % 10]}氏商贸有限公司" : $"{surnames[i % 10]}先生{i % 1000}";
            p["assignee"].Value = worked ? firstEngineer + i % engineers.Length : DBNull.Value;
            p["due"].Value = created.AddMinutes(10);
            p["resolveDue"].Value = created.AddHours(2);
            p["taken"].Value = worked ? created.AddMinutes(3) : DBNull.Value;
            p["resolved"].Value = worked ? created.AddMinutes(25) : DBNull.Value;
            p["resolution"].Value = worked ? "已指导纳税人完成操作" : DBNull.Value;
            p["followUps"].Value = rated ? 1 : 0;
            await insert.ExecuteNonQueryAsync();
            if (rated)
            {
                level.Value = levels[i % levels.Length];
                at.Value = created.AddMinutes(30);
                await rate.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
        await Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        return (path, hallId, clock.Elapsed);
    }

    private static async Task Exec(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
