using System.Diagnostics;
using HallBoard.Data;
using HallBoard.Features.Dashboard;
using HallBoard.Benchmarks.Data;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Benchmarks.Dashboard;

/// <summary>
/// A database (SQLite or PostgreSQL) with the app's schema (its migrations) and a realistic ticket history, written in
/// bulk (<see cref="ITicketSink"/>). Weekdays are busier than weekends, the filing period (1st–15th) busier than
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

    /// <summary>Creates the history unless the database already holds <paramref name="tickets"/> tickets; returns the
    /// measured hall's id (hall 1). Tickets go round the <paramref name="halls"/> halls one by one.</summary>
    public static async Task<int> EnsureAsync(BenchDatabase database, int tickets, int days, int halls)
    {
        if ((database.IsPostgres || File.Exists(database.Target)) && await database.TicketCountAsync() == tickets)
        {
            Console.WriteLine($"reusing {database} ({tickets:N0} tickets)");
            await using var existing = new HallDbContext(database.Options());
            if (!await existing.DashboardCounts.AnyAsync()) await RollupAsync(existing);
            return 1;
        }
        await database.RecreateAsync();
        var clock = Stopwatch.StartNew();
        await using (var sink = await database.OpenSinkAsync())
        {
            await sink.AddHallsAsync(halls, HallCodeOf, h => h == 1 ? "高新区税务局办税服务厅" : $"第{h}办税服务厅", Engineers);
            foreach (var (ticket, rating) in Generate(tickets, days, halls)) await sink.AddAsync(ticket, rating);
            await sink.CompleteAsync();
        }
        Console.WriteLine($"wrote {tickets:N0} tickets in {halls} halls over {days} days in {clock.Elapsed.TotalSeconds:0} s into {database}");
        await using (var db = new HallDbContext(database.Options()))
            await RollupAsync(db);
        return 1;
    }

    public static string HallCodeOf(int hall) => hall == 1 ? HallCode : $"H{hall:00}";

    /// <summary>The raw inserts bypass the app's save interceptor, so the rollup is computed afterwards, as the app does
    /// once for a database that had tickets before the dashboard.</summary>
    private static async Task RollupAsync(HallDbContext db)
    {
        var clock = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var rows = await DashboardRollup.RebuildAsync(db, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"rollup rebuilt from the tickets: {rows:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static IEnumerable<(TicketRow, RatingRow?)> Generate(int tickets, int days, int halls)
    {
        var random = new Random(20261127);
        var endLocalDay = DateOnly.FromDateTime(EndUtc + Offset);
        var firstDay = endLocalDay.AddDays(-(days - 1));
        var weights = Enumerable.Range(0, days).Select(i => DayWeight(firstDay.AddDays(i))).ToArray();
        var total = weights.Sum();

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
                var hall = 1 + (id - 1) % halls;
                var created = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) + time - Offset;
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
                var channel = Pick(random, [("ETaxWeb", 30), ("MobileApp", 20), ("SelfServiceTerminal", 20), ("SmartAreaPc", 12), ("Hotline12366", 8), ("Counter", 8), ("Other", 2)]);
                var category = Pick(random, [("LoginIdentity", 18), ("Filing", 22), ("Invoice", 20), ("Payment", 8), ("SocialInsurance", 10), ("IndividualIncomeTax", 12), ("SystemFault", 4), ("Consultation", 5), ("Other", 1)]);
                var kind = Pick(random, [("Consultation", 45), ("Fault", 15), ("Guidance", 35), ("Complaint", 2), ("Suggestion", 3)]);
                var taxId = random.NextDouble() < 0.4 ? $"91350100M{id % 1000000:000000}Y43" : null;
                int? assignee = taken is null ? null : (hall - 1) * Engineers + 1 + random.Next(Engineers);

                var ticket = new TicketRow(id, hall, $"{HallCodeOf(hall)}-{day:yyyyMMdd}-{++seq:0000}", created, status, channel, category, kind,
                    priority, $"纳税人{id % 50000:00000}", taxId, "电子税务局申报时提示“系统繁忙”，现场指导改用自助终端完成申报", assignee,
                    responseDue, resolveDue, taken, resolved, resolved is null ? null : "指导纳税人清除浏览器缓存后重新登录，申报成功",
                    followedUp is not null ? "Reached" : closeReason == "Unreachable" ? "NotReached" : null, followedUp,
                    followedUp is not null || closeReason == "Unreachable" ? 1 : 0, closed, closeReason,
                    closeReason is "Unreachable" or "Declined" ? "电话三次无人接听" : null,
                    1 + (taken is null ? 0 : 1) + (resolved is null ? 0 : 1) + (followedUp is null ? 0 : 1) + (rated ? 1 : 0) + (closed is null ? 0 : 1),
                    guided, !guided ? null : guidanceRoll < 0.8 ? true : guidanceRoll < 0.95 ? false : null);
                RatingRow? rating = null;
                if (rated)
                {
                    var level = Pick(random, [("VerySatisfied", 60), ("Satisfied", 25), ("Basic", 10), ("Dissatisfied", 3), ("VeryDissatisfied", 2)]);
                    var source = Pick(random, [("HandedTablet", 60), ("OwnPhone", 25), ("CallBack", 15)]);
                    rating = new RatingRow(id, level, source, resolved!.Value.AddMinutes(2));
                }
                yield return (ticket, rating);
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
}
