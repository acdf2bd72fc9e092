using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Reports;

/// <summary>Tickets whose every export cell is known: logged and worked through <see cref="TicketCommands"/> on a driven clock.</summary>
public sealed record KnownTickets(int HallId, TicketRef AtMidnight, TicketRef Closed, TicketRef Waiting);

/// <summary>A hall of its own with thousands of tickets written straight to the database, for size and cancellation.</summary>
public sealed record BulkHall(int HallId, string Name, DateOnly Day, int Count, string LastNumber);

/// <summary>The app on a driven clock (hall time is UTC+8), with the SLA response targets spelled out.</summary>
public sealed class ExportApp : HallAppFactory
{
    // Enough for several progress reports and three sheets at a small sheet size; the export's speed over 100,000 and
    // 1,000,000 rows is the benchmark's to measure (docs/benchmarks.md), not a test's.
    public const int BulkCount = 3_000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KnownTickets? _known;
    private BulkHall? _bulk;

    public ExportApp()
    {
        Clock = new FakeTimeProvider(Utc(2026, 3, 1, 12, 0)); // demo tickets are logged on 1 March
        Settings["Sla:Priorities:Low:ResponseMinutes"] = "30";
        Settings["Sla:Priorities:Normal:ResponseMinutes"] = "10";
        Settings["Sla:Priorities:High:ResponseMinutes"] = "5";
    }

    protected override bool SharesSeededDemo => true;

    /// <summary>A moment given in hall time.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// On 2 March 2026 in the demo hall: 00:00 a 12366 consultation left waiting; 09:00 a counter fault taken by 张伟
    /// at 09:05, resolved 09:20, rated 非常满意 and called back at 09:25, closed 09:30; 10:30 an e-tax filing question
    /// left waiting. One minute before that day and on the next morning, one more ticket each, outside the day.
    /// </summary>
    public async Task<KnownTickets> KnownAsync()
    {
        await _gate.WaitAsync();
        try { return _known ??= await LogKnownAsync(); }
        finally { _gate.Release(); }
    }

    public async Task<BulkHall> BulkAsync()
    {
        await _gate.WaitAsync();
        try { return _bulk ??= await InsertBulkAsync(); }
        finally { _gate.Release(); }
    }

    private async Task<KnownTickets> LogKnownAsync()
    {
        var commands = Get<TicketCommands>();
        var hall = await DemoHallAsync();
        var zhang = await EngineerActorAsync(1);
        var clock = Clock!;
        Task<TicketRef> Intake(TicketDraft draft) => commands.IntakeAsync(hall.Id, draft, zhang, takeNow: false);

        clock.SetUtcNow(Utc(2026, 3, 1, 23, 59));
        await Intake(Draft("前一天的纳税人", Channel.Counter, Category.Payment, TicketKind.Consultation, Priority.Normal));

        clock.SetUtcNow(Utc(2026, 3, 2, 0, 0));
        var atMidnight = await Intake(Draft("张三", Channel.Hotline12366, Category.Consultation, TicketKind.Consultation, Priority.Low));

        clock.SetUtcNow(Utc(2026, 3, 2, 9, 0));
        var closed = await Intake(Draft("某某科技有限公司", Channel.Counter, Category.Invoice, TicketKind.Fault, Priority.High));
        clock.SetUtcNow(Utc(2026, 3, 2, 9, 5));
        closed = await commands.TakeAsync(closed.Id, closed.Version, zhang.EngineerId!.Value, zhang);
        clock.SetUtcNow(Utc(2026, 3, 2, 9, 20));
        closed = await commands.ResolveAsync(closed.Id, closed.Version, "更换税控盘后开票正常", zhang);
        clock.SetUtcNow(Utc(2026, 3, 2, 9, 25));
        closed = await commands.RateAsync(closed.Id, closed.Version, SatisfactionLevel.VerySatisfied, null, RatingSource.CallBack, zhang);
        closed = await commands.FollowUpAsync(closed.Id, closed.Version, FollowUpOutcome.Reached, "问题已解决", zhang);
        clock.SetUtcNow(Utc(2026, 3, 2, 9, 30));
        closed = await commands.CloseAsync(closed.Id, closed.Version, CloseReason.Completed, null, zhang);

        clock.SetUtcNow(Utc(2026, 3, 2, 10, 30));
        var waiting = await Intake(Draft("厦门某某商贸有限公司", Channel.ETaxWeb, Category.Filing, TicketKind.Guidance, Priority.Normal));

        clock.SetUtcNow(Utc(2026, 3, 3, 8, 0));
        await Intake(Draft("第二天的纳税人", Channel.Counter, Category.Invoice, TicketKind.Fault, Priority.Normal));

        return new KnownTickets(hall.Id, atMidnight, closed, waiting);
    }

    /// <summary>1 April 2026 in hall time, one ticket every 4 seconds from midnight (3,000 end at 03:19:56).</summary>
    private async Task<BulkHall> InsertBulkAsync()
    {
        var day = new DateOnly(2026, 4, 1);
        var start = Utc(2026, 4, 1, 0, 0).UtcDateTime;
        var sla = new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
        var by = new Actor("test:bulk", "批量写入");
        var channels = Enum.GetValues<Channel>();
        return await WithDbAsync(async db =>
        {
            var hall = new Hall { Code = "BK", Name = "批量测试办税服务厅" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 1; i <= BulkCount; i++)
            {
                var draft = Draft($"纳税人{i:D5}", channels[i % channels.Length], Category.Filing, TicketKind.Consultation, Priority.Normal);
                db.Tickets.Add(Ticket.Open(hall.Id, Number(i), draft, sla, by, start.AddSeconds(4 * (i - 1))));
            }
            await db.SaveChangesAsync();
            return new BulkHall(hall.Id, hall.Name, day, BulkCount, Number(BulkCount));
        });

        static string Number(int i) => $"BK-20260401-{i:D5}";
    }

    private static TicketDraft Draft(string taxpayer, Channel channel, Category category, TicketKind kind, Priority priority) => new()
    {
        TaxpayerName = taxpayer,
        Channel = channel,
        Category = category,
        Kind = kind,
        Priority = priority,
        Description = "导出测试用工单",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _gate.Dispose();
    }
}

/// <summary>
/// The export tests and the export job tests share one <see cref="ExportApp"/>: its bulk tickets are the
/// slowest set-up of the suite, and both classes only read them, the known tickets and halls of their own (every
/// audit entry they look for is by an actor of their own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExportCollection : ICollectionFixture<ExportApp>
{
    public const string Name = "Ticket export on one app";
}

/// <summary>Reports progress on the reporting thread, so a test can act at an exact row.</summary>
public sealed class InlineProgress(Action<int> report) : IProgress<int>
{
    public void Report(int value) => report(value);
}
