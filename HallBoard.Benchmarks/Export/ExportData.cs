using System.Diagnostics;
using HallBoard.Benchmarks.Data;

namespace HallBoard.Benchmarks.Export;

/// <summary>
/// A database with the app's schema (its migrations) and N tickets over 30 days, going round the halls one by one:
/// realistic rows (Chinese names, two thirds assigned and resolved, a sixth rated), written in bulk.
/// </summary>
public static class ExportData
{
    public const string HallName = "基准测试办税服务厅";
    public const int EngineersPerHall = 6;
    public static readonly DateOnly From = new(2026, 3, 1);
    public static readonly DateOnly To = new(2026, 3, 30);

    /// <summary>Fills the database; returns the hall to export (null: all halls, when there are several).</summary>
    public static async Task<(int? HallId, TimeSpan Took)> CreateAsync(BenchDatabase database, int tickets, int halls)
    {
        var clock = Stopwatch.StartNew();
        await database.RecreateAsync();
        await using (var sink = await database.OpenSinkAsync())
        {
            await sink.AddHallsAsync(halls, h => h == 1 ? "BM" : $"BM{h:00}", h => h == 1 ? HallName : $"{HallName}{h}", EngineersPerHall);
            foreach (var (ticket, rating) in Generate(tickets, halls)) await sink.AddAsync(ticket, rating);
            await sink.CompleteAsync();
        }
        return (halls == 1 ? 1 : null, clock.Elapsed);
    }

    private static IEnumerable<(TicketRow, RatingRow?)> Generate(int tickets, int halls)
    {
        string[] channels = ["ETaxWeb", "MobileApp", "SelfServiceTerminal", "SmartAreaPc", "Hotline12366", "Counter", "Other"];
        string[] categories = ["LoginIdentity", "Filing", "Invoice", "Payment", "SocialInsurance", "IndividualIncomeTax", "SystemFault", "Consultation", "Other"];
        string[] kinds = ["Consultation", "Fault", "Guidance", "Complaint", "Suggestion"];
        string[] priorities = ["Low", "Normal", "High", "Urgent"];
        string[] levels = ["VerySatisfied", "Satisfied", "Basic", "Dissatisfied", "VeryDissatisfied"];
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
        var start = From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8); // local midnight in UTC
        var span = (To.DayNumber - From.DayNumber + 1) * 86_400.0;
        for (var i = 0; i < tickets; i++)
        {
            var hall = 1 + i % halls;
            var created = start.AddSeconds(span * i / tickets);
            var worked = i % 3 != 0;
            var rated = i % 4 == 0 && worked;
            var ticket = new TicketRow(i + 1, hall, $"BM-{created:yyyyMMdd}-{i:D7}", created, rated ? "Closed" : worked ? "Resolved" : "Waiting",
                channels[i % channels.Length], categories[i % categories.Length], kinds[i % kinds.Length], priorities[i % priorities.Length],
                i % 5 == 0 ? $"厦门{surnames[i % 10]}氏商贸有限公司" : $"{surnames[i % 10]}先生{i % 1000}", null, "纳税人咨询申报流程",
                worked ? (hall - 1) * EngineersPerHall + 1 + i % EngineersPerHall : null, created.AddMinutes(10), created.AddHours(2),
                worked ? created.AddMinutes(3) : null, worked ? created.AddMinutes(25) : null, worked ? "已指导纳税人完成操作" : null,
                null, null, rated ? 1 : 0, null, null, null, 1, false, null);
            yield return (ticket, rated ? new RatingRow(i + 1, levels[i % levels.Length], "CallBack", created.AddMinutes(30)) : null);
        }
    }
}
