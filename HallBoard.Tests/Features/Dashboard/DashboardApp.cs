using HallBoard.Domain;
using HallBoard.Features.Dashboard;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>
/// The app on a driven clock (hall time is UTC+8, now = 3 March 2026 08:30 in the hall), with a hall of its own whose
/// tickets are known to the minute. Hand-computed figures for 2–3 March are in <see cref="KnownHall"/>.
/// </summary>
public sealed class DashboardApp : HallAppFactory
{
    public static readonly DateTimeOffset Now = Local(2026, 3, 3, 8, 30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KnownHall? _known;

    public DashboardApp() => Clock = new FakeTimeProvider(Now);

    protected override bool SharesSeededDemo => true;

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(8));

    public async Task<KnownHall> KnownAsync()
    {
        await _gate.WaitAsync();
        try { return _known ??= await KnownHall.CreateAsync(this); }
        finally { _gate.Release(); }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _gate.Dispose();
    }
}

/// <summary>
/// Eight tickets written through the domain's own moves (targets: respond in 10 minutes, resolve in 60), hall time:
/// <list type="number">
/// <item>2 Mar 00:00 counter/invoice/fault, 张工 takes 00:05, resolves 00:30, 非常满意, reached on call-back, closed.</item>
/// <item>2 Mar 09:10 e-tax/filing/consultation, 张工 takes 09:30 (late), resolves 10:00, 满意, not reached, closed unreachable; guided online, worked.</item>
/// <item>2 Mar 09:50 e-tax/filing/guidance, 李工 takes 09:55, resolves 11:30 (late), reached, closed declined; guided online, failed.</item>
/// <item>2 Mar 23:59:59 app/invoice/consultation, never taken (late for both targets); guided online, result not recorded.</item>
/// <item>3 Mar 08:00 counter/invoice/fault, 李工 takes 08:05, resolves 08:20, 基本满意, not yet called back.</item>
/// <item>3 Mar 08:25 12366/payment/complaint, 张工 takes 08:28; resolve due 09:25, after now: not measured yet.</item>
/// <item>1 Mar 23:59 and 4 Mar 00:00: just outside the period.</item>
/// </list>
/// </summary>
public sealed record KnownHall(int HallId, string Name)
{
    public static readonly DashboardPeriod Period = new(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3));
    private static readonly SlaTarget Sla = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(60));
    private static readonly Actor By = new("test:dashboard", "测试");

    public static async Task<KnownHall> CreateAsync(HallAppFactory app)
    {
        var code = $"D{Guid.NewGuid().ToString("N")[..5].ToUpperInvariant()}";
        return await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = code, Name = $"分析测试厅{code}" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            var zhang = new Engineer { HallId = hall.Id, Name = "张工", EmployeeNo = "E01" };
            var li = new Engineer { HallId = hall.Id, Name = "李工", EmployeeNo = "E02" };
            db.Engineers.AddRange(zhang, li);
            await db.SaveChangesAsync();
            var n = 0;
            Ticket Open(DateTimeOffset at, Channel channel, Category category, TicketKind kind, bool guided = false, bool? worked = null)
            {
                var ticket = Ticket.Open(hall.Id, $"{code}-{++n:0000}", new TicketDraft
                {
                    TaxpayerName = $"纳税人{n}", Channel = channel, Category = category, Kind = kind, Priority = Priority.Normal,
                    Description = "分析测试", GuidedOnline = guided, GuidanceSucceeded = worked,
                }, Sla, By, at.UtcDateTime);
                db.Tickets.Add(ticket);
                return ticket;
            }
            static DateTime At(int day, int hour, int minute, int second = 0) => DashboardApp.Local(2026, 3, day, hour, minute, second).UtcDateTime;

            var t1 = Open(DashboardApp.Local(2026, 3, 2, 0, 0), Channel.Counter, Category.Invoice, TicketKind.Fault);
            t1.Take(zhang, By, At(2, 0, 5));
            t1.Resolve("更换打印机墨盒", By, At(2, 0, 30));
            t1.Rate(SatisfactionLevel.VerySatisfied, null, RatingSource.HandedTablet, By, At(2, 0, 31));
            t1.FollowUp(FollowUpOutcome.Reached, null, By, At(2, 9, 0));
            t1.Close(CloseReason.Completed, null, By, At(2, 9, 1));

            var t2 = Open(DashboardApp.Local(2026, 3, 2, 9, 10), Channel.ETaxWeb, Category.Filing, TicketKind.Consultation, true, true);
            t2.Take(zhang, By, At(2, 9, 30));
            t2.Resolve("指导网上申报", By, At(2, 10, 0));
            t2.Rate(SatisfactionLevel.Satisfied, null, RatingSource.OwnPhone, By, At(2, 10, 1));
            t2.FollowUp(FollowUpOutcome.NotReached, null, By, At(2, 15, 0));
            t2.Close(CloseReason.Unreachable, "电话无人接听", By, At(2, 16, 0));

            var t3 = Open(DashboardApp.Local(2026, 3, 2, 9, 50), Channel.ETaxWeb, Category.Filing, TicketKind.Guidance, true, false);
            t3.Take(li, By, At(2, 9, 55));
            t3.Resolve("改到窗口办理", By, At(2, 11, 30));
            t3.FollowUp(FollowUpOutcome.Reached, null, By, At(2, 15, 0));
            t3.Close(CloseReason.Declined, "纳税人不愿评价", By, At(2, 15, 5));

            Open(DashboardApp.Local(2026, 3, 2, 23, 59, 59), Channel.MobileApp, Category.Invoice, TicketKind.Consultation, true, null);

            var t5 = Open(DashboardApp.Local(2026, 3, 3, 8, 0), Channel.Counter, Category.Invoice, TicketKind.Fault);
            t5.Take(li, By, At(3, 8, 5));
            t5.Resolve("重新领票", By, At(3, 8, 20));
            t5.Rate(SatisfactionLevel.Basic, null, RatingSource.HandedTablet, By, At(3, 8, 21));

            var t8 = Open(DashboardApp.Local(2026, 3, 3, 8, 25), Channel.Hotline12366, Category.Payment, TicketKind.Complaint);
            t8.Take(zhang, By, At(3, 8, 28));

            Open(DashboardApp.Local(2026, 3, 1, 23, 59), Channel.Counter, Category.Other, TicketKind.Suggestion);
            Open(DashboardApp.Local(2026, 3, 4, 0, 0), Channel.Counter, Category.Other, TicketKind.Suggestion);
            await db.SaveChangesAsync();
            return new KnownHall(hall.Id, hall.Name);
        });
    }
}
