using System.Diagnostics;
using System.Globalization;
using HallBoard.Data;
using HallBoard.Features.Dashboard;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Benchmarks.Dashboard;

/// <summary>
/// A SQLite file with the app's schema (its migrations) and a realistic ticket history of one busy hall, written with
/// raw prepared commands in one transaction. Weekdays are busier than weekends, the filing period (1st–15th) busier than
/// the rest of the month, mornings busier than afternoons; most tickets are taken and resolved in time, rated and
/// called back. Deterministic: the same seed gives the same file.
/// </summary>
public static class DashboardHistory
{
    public const string HallCode = "GX";
    public const int Engineers = 8;

    /// <summary>The last moment of the history (hall time 2026-11-27 17:30); "now" for every query.</summary>
    public static readonly DateTime EndUtc = new(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc);

    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    // Relative weight of each local hour of the day (08:00–17:59); the hall is closed at night.
    private static readonly double[] HourWeights = [0, 0, 0, 0, 0, 0, 0, 0, 0.4, 1.0, 1.0, 0.8, 0.3, 0.5, 0.9, 0.9, 0.7, 0.4, 0, 0, 0, 0, 0, 0];

    public static DbContextOptions<HallDbContext> Options(string path) =>
        new DbContextOptionsBuilder<HallDbContext>().UseHallDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=True").Options;

    /// <summary>Creates the file unless it already holds <paramref name="tickets"/> tickets; returns the hall's id.</summary>
    public static async Task<int> EnsureAsync(string path, int tickets, int days)
    {
        if (File.Exists(path) && await CountAsync(path) == tickets)
        {
            Console.WriteLine($"reusing {path} ({tickets:N0} tickets)");
            await using var existing = new HallDbContext(Options(path));
            if (!await existing.DashboardCounts.AnyAsync()) await RollupAsync(existing);
            return 1;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        await using (var db = new HallDbContext(Options(path)))
            await db.Database.MigrateAsync();
        SqliteConnection.ClearAllPools(); // the journal mode changes only when no other connection holds the file
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        Exec(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        Exec(connection, $"INSERT INTO Halls (Id, Code, Name) VALUES (1, '{HallCode}', '高新区税务局办税服务厅');");
        for (var e = 1; e <= Engineers; e++)
            Exec(connection, $"INSERT INTO Engineers (Id, HallId, Name, EmployeeNo, IsActive) VALUES ({e}, 1, '工程师{e}', 'E{e:00}', 1);");
        await using (var tx = connection.BeginTransaction())
        {
            Insert(connection, tx, tickets, days);
            tx.Commit();
        }
        Exec(connection, "PRAGMA journal_mode=WAL; ANALYZE;");
        Console.WriteLine($"wrote {tickets:N0} tickets over {days} days in {clock.Elapsed.TotalSeconds:0} s, file {new FileInfo(path).Length / 1024.0 / 1024.0:0} MB");
        await using (var db = new HallDbContext(Options(path)))
            await RollupAsync(db);
        return 1;
    }

    /// <summary>The raw inserts bypass the app's save interceptor, so the rollup is computed afterwards, as the app does
    /// once for a database that had tickets before the dashboard.</summary>
    private static async Task RollupAsync(HallDbContext db)
    {
        var clock = Stopwatch.StartNew();
        var rows = await DashboardRollup.RebuildAsync(db, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"rollup rebuilt from the tickets: {rows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<long> CountAsync(string path)
    {
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM Tickets";
            return (long)(await cmd.ExecuteScalarAsync() ?? 0L);
        }
        catch (SqliteException) { return -1; }
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction tx, int tickets, int days)
    {
        var random = new Random(20261127);
        var endLocalDay = DateOnly.FromDateTime(EndUtc + Offset);
        var firstDay = endLocalDay.AddDays(-(days - 1));
        var weights = Enumerable.Range(0, days).Select(i => DayWeight(firstDay.AddDays(i))).ToArray();
        var total = weights.Sum();

        using var ticket = connection.CreateCommand();
        ticket.Transaction = tx;
        ticket.CommandText = """
            INSERT INTO Tickets (Id, HallId, Number, CreatedUtc, Status, Channel, Category, Kind, Priority, TaxpayerName, TaxpayerId,
              TaxpayerPhone, Description, AssigneeId, ResponseDueUtc, ResolveDueUtc, TakenUtc, ResolvedUtc, Resolution, LastFollowUp,
              FollowedUpUtc, FollowUpAttempts, ClosedUtc, CloseReason, CloseNote, ReopenCount, Version, CreatedById, GuidedOnline, GuidanceSucceeded)
            VALUES ($id, 1, $number, $created, $status, $channel, $category, $kind, $priority, $name, $taxId,
              NULL, $description, $assignee, $responseDue, $resolveDue, $taken, $resolved, $resolution, $lastFollowUp,
              $followedUp, $attempts, $closed, $closeReason, $closeNote, 0, $version, 'bench', $guided, $guidanceOk)
            """;
        string[] names = ["$id", "$number", "$created", "$status", "$channel", "$category", "$kind", "$priority", "$name", "$taxId",
            "$description", "$assignee", "$responseDue", "$resolveDue", "$taken", "$resolved", "$resolution", "$lastFollowUp",
            "$followedUp", "$attempts", "$closed", "$closeReason", "$closeNote", "$version", "$guided", "$guidanceOk"];
        var p = names.ToDictionary(n => n, n => ticket.Parameters.Add(new SqliteParameter(n, null)));
        ticket.Prepare();

        using var rating = connection.CreateCommand();
        rating.Transaction = tx;
        rating.CommandText = """
            INSERT INTO Satisfactions (TicketId, Level, Comment, Source, AtUtc) VALUES ($ticket, $level, NULL, $source, $at);
            INSERT INTO TicketRatings (TicketId, Level, Comment, Source, AtUtc) VALUES ($ticket, $level, NULL, $source, $at);
            """;
        var rTicket = rating.Parameters.Add(new SqliteParameter("$ticket", null));
        var rLevel = rating.Parameters.Add(new SqliteParameter("$level", null));
        var rSource = rating.Parameters.Add(new SqliteParameter("$source", null));
        var rAt = rating.Parameters.Add(new SqliteParameter("$at", null));
        rating.Prepare();

        var id = 0;
        var carry = 0.0;
        for (var d = 0; d < days && id < tickets; d++)
        {
            var day = firstDay.AddDays(d);
            carry += tickets * weights[d] / total;
            var today = d == days - 1 ? tickets - id : (int)carry;
            carry -= today;
            var times = Enumerable.Range(0, today).Select(_ => LocalTime(random)).Order().ToList();
            var seq = 0;
            foreach (var time in times)
            {
                id++;
                var created = day.ToDateTime(TimeOnly.MinValue) + time - Offset;
                if (created > EndUtc) created = EndUtc.AddSeconds(-random.Next(1, 3600));
                var priority = Pick(random, [("Low", 10), ("Normal", 70), ("High", 15), ("Urgent", 5)]);
                var responseDue = created.AddMinutes(priority switch { "Urgent" => 2, "High" => 5, "Low" => 30, _ => 10 });
                var resolveDue = created.AddMinutes(priority switch { "Urgent" => 30, "High" => 60, "Low" => 480, _ => 120 });
                DateTime? taken = created.AddSeconds(Exponential(random, 240));
                DateTime? resolved = taken.Value.AddSeconds(Exponential(random, 1500));
                if (taken > EndUtc) (taken, resolved) = (null, null);
                else if (resolved > EndUtc) resolved = null;
                var rated = resolved is not null && random.NextDouble() < 0.75;
                var followRoll = random.NextDouble();
                DateTime? followedUp = resolved is not null && followRoll < 0.85 ? resolved.Value.AddMinutes(30 + random.Next(600)) : null;
                if (followedUp > EndUtc) followedUp = null;
                string? closeReason = resolved is null ? null
                    : followedUp is not null && rated ? "Completed"
                    : followedUp is null && followRoll < 0.93 && resolved < EndUtc.AddDays(-2) ? "Unreachable"
                    : followedUp is not null && !rated && resolved < EndUtc.AddDays(-2) ? "Declined" : null;
                DateTime? closed = closeReason is null ? null : (followedUp ?? resolved!.Value.AddDays(1));
                if (closed > EndUtc) (closed, closeReason) = (null, null);
                var status = closed is not null ? "Closed" : followedUp is not null ? (rated ? "Rated" : "FollowedUp")
                    : resolved is not null ? "Resolved" : taken is not null ? "InProgress" : "Waiting";
                var guided = random.NextDouble() < 0.35;
                var guidanceRoll = random.NextDouble();

                Set(p["$id"], id);
                Set(p["$number"], $"{HallCode}-{day:yyyyMMdd}-{++seq:0000}");
                Set(p["$created"], Text(created));
                Set(p["$status"], status);
                Set(p["$channel"], Pick(random, [("ETaxWeb", 30), ("MobileApp", 20), ("SelfServiceTerminal", 20), ("SmartAreaPc", 12), ("Hotline12366", 8), ("Counter", 8), ("Other", 2)]));
                Set(p["$category"], Pick(random, [("LoginIdentity", 18), ("Filing", 22), ("Invoice", 20), ("Payment", 8), ("SocialInsurance", 10), ("IndividualIncomeTax", 12), ("SystemFault", 4), ("Consultation", 5), ("Other", 1)]));
                Set(p["$kind"], Pick(random, [("Consultation", 45), ("Fault", 15), ("Guidance", 35), ("Complaint", 2), ("Suggestion", 3)]));
                Set(p["$priority"], priority);
                Set(p["$name"], $"纳税人{id % 50000:00000}");
                Set(p["$taxId"], random.NextDouble() < 0.4 ? $"91350100M{id % 1000000:000000}Y43" : null);
                Set(p["$description"], "电子税务局申报时提示“系统繁忙”，现场指导改用自助终端完成申报");
                Set(p["$assignee"], taken is null ? null : 1 + random.Next(Engineers));
                Set(p["$responseDue"], Text(responseDue));
                Set(p["$resolveDue"], Text(resolveDue));
                Set(p["$taken"], taken is null ? null : Text(taken.Value));
                Set(p["$resolved"], resolved is null ? null : Text(resolved.Value));
                Set(p["$resolution"], resolved is null ? null : "指导纳税人清除浏览器缓存后重新登录，申报成功");
                Set(p["$lastFollowUp"], followedUp is not null ? "Reached" : closeReason == "Unreachable" ? "NotReached" : null);
                Set(p["$followedUp"], followedUp is null ? null : Text(followedUp.Value));
                Set(p["$attempts"], followedUp is not null || closeReason == "Unreachable" ? 1 : 0);
                Set(p["$closed"], closed is null ? null : Text(closed.Value));
                Set(p["$closeReason"], closeReason);
                Set(p["$closeNote"], closeReason is "Unreachable" or "Declined" ? "电话三次无人接听" : null);
                Set(p["$version"], 1 + (taken is null ? 0 : 1) + (resolved is null ? 0 : 1) + (followedUp is null ? 0 : 1) + (rated ? 1 : 0) + (closed is null ? 0 : 1));
                Set(p["$guided"], guided ? 1 : 0);
                Set(p["$guidanceOk"], !guided ? null : guidanceRoll < 0.8 ? 1 : guidanceRoll < 0.95 ? 0 : null);
                ticket.ExecuteNonQuery();

                if (rated)
                {
                    Set(rTicket, id);
                    Set(rLevel, Pick(random, [("VerySatisfied", 60), ("Satisfied", 25), ("Basic", 10), ("Dissatisfied", 3), ("VeryDissatisfied", 2)]));
                    Set(rSource, Pick(random, [("HandedTablet", 60), ("OwnPhone", 25), ("CallBack", 15)]));
                    Set(rAt, Text(resolved!.Value.AddMinutes(2)));
                    rating.ExecuteNonQuery();
                }
            }
        }
    }

    private static double DayWeight(DateOnly day)
    {
        var weight = day.DayOfWeek switch { DayOfWeek.Saturday => 0.3, DayOfWeek.Sunday => 0.1, _ => 1.0 };
        return day.Day <= 15 ? weight * 1.4 : weight;
    }

    private static TimeSpan LocalTime(Random random)
    {
        var roll = random.NextDouble() * HourWeights.Sum();
        var hour = 0;
        while (roll > HourWeights[hour]) roll -= HourWeights[hour++];
        return TimeSpan.FromHours(hour) + TimeSpan.FromSeconds(random.Next(3600));
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static string Pick(Random random, (string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return choices[^1].Value;
    }

    private static void Set(SqliteParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    /// <summary>The text EF Core's SQLite provider stores a DateTime as.</summary>
    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
