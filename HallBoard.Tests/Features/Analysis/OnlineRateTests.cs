using HallBoard.Domain;
using HallBoard.Features.Analysis;

namespace HallBoard.Tests.Features.Analysis;

public sealed class OnlineRateTests(AnalysisApp app) : IClassFixture<AnalysisApp>
{
    private static readonly DateOnly March3 = new(2026, 3, 3);
    private static readonly DateOnly March4 = new(2026, 3, 4);
    private static readonly DateOnly March5 = new(2026, 3, 5);

    [Fact]
    public async Task The_online_rate_per_day_and_over_the_period_matches_the_hand_computed_figures()
    {
        var hall = await app.NewHallAsync();
        var volumes = app.Get<BusinessVolumes>();
        // 3 March: counter 100, online 300 (200 + 50 + 30 + 20) → 75 %. 4 March: counter 150, online 50 → 25 %. 5 March: none.
        await volumes.SaveDayAsync(hall, new VolumeEntry(March3, new VolumeFigures(100, 200, 50, 30, 20)), AnalysisApp.ManagerOf(hall));
        await volumes.SaveDayAsync(hall, new VolumeEntry(March4, new VolumeFigures(150, 50, 0, 0, 0)), AnalysisApp.ManagerOf(hall));
        // Tickets: two on 3 March (one at 00:10 hall time, i.e. 16:10 UTC on the 2nd), one on 4 March at 23:50.
        await TicketsAsync(hall, (Local(March3, 0, 10), Channel.Counter, Category.Filing, false, null),
            (Local(March3, 9, 0), Channel.ETaxWeb, Category.Filing, false, null),
            (Local(March4, 23, 50), Channel.Counter, Category.Invoice, false, null),
            (Local(March3, 0, 0).AddMinutes(-1), Channel.Counter, Category.Invoice, false, null)); // 2 March 23:59: outside

        var report = await app.Get<BusinessAnalysis>().OnlineRateAsync(hall, March3, March5);

        Assert.Equal([(March3, 100, 300, 0.75, 2), (March4, 150, 50, 0.25, 1)],
            report.Days.Take(2).Select(d => (d.Day, d.Counter!.Value, d.Online!.Value, d.OnlineRate!.Value, d.Tickets)));
        Assert.Equal((March5, null, null, null, 0), (report.Days[2].Day, report.Days[2].Counter, report.Days[2].Online, report.Days[2].OnlineRate, report.Days[2].Tickets));
        // Period: online 350 of 600 → 58.33 %, not the mean of the daily rates (50 %).
        Assert.Equal((250, 350, 3, 2), (report.Counter, report.Online, report.Tickets, report.DaysWithVolumes));
        Assert.Equal(350.0 / 600, report.OnlineRate!.Value, 10);
        Assert.Equal([("窗口（金三）", 250), ("电子税务局", 250), ("手机APP", 50), ("自助办税终端", 30), ("智慧办税区", 20)],
            report.Channels.Select(c => (c.Channel, c.Volume)));
        Assert.Equal(250.0 / 600, report.Channels[1].Share, 10);
    }

    [Fact]
    public async Task Categories_served_online_that_still_reach_the_counter_come_most_first()
    {
        var hall = await app.NewHallAsync();
        await TicketsAsync(hall,
            (Local(March3, 9, 0), Channel.Counter, Category.Invoice, false, null),               // counter
            (Local(March3, 9, 5), Channel.Counter, Category.Invoice, false, null),               // counter
            (Local(March3, 9, 10), Channel.SelfServiceTerminal, Category.Invoice, true, false),  // guided, failed
            (Local(March3, 9, 15), Channel.Counter, Category.Filing, true, null),                // guided, outcome unknown
            (Local(March3, 9, 20), Channel.Counter, Category.Filing, true, true),                // guided and done online: not counted
            (Local(March3, 9, 25), Channel.ETaxWeb, Category.Payment, false, null),              // online: not counted
            (Local(March3, 9, 30), Channel.Counter, Category.SystemFault, false, null),          // not served online: not counted
            (Local(March3, 9, 35), Channel.Counter, Category.SocialInsurance, false, null));     // counter

        var categories = await app.Get<BusinessAnalysis>().CounterCategoriesAsync(hall, March3, March3);

        Assert.Equal([(Category.Invoice, 2, 1, 3), (Category.Filing, 0, 1, 1), (Category.SocialInsurance, 1, 0, 1)],
            categories.Select(c => (c.Category, c.AtCounter, c.GuidanceFailed, c.Total)));
    }

    [Fact]
    public async Task A_reversed_or_over_long_period_is_refused()
    {
        var analysis = app.Get<BusinessAnalysis>();

        var reversed = await Assert.ThrowsAsync<ValidationFailedException>(() => analysis.OnlineRateAsync(1, March4, March3));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => analysis.CounterCategoriesAsync(1, new DateOnly(2025, 1, 1), March3));

        Assert.Equal("结束日期早于开始日期，请重新选择。", reversed.Message);
        Assert.Equal("一次最多分析 366 天。", tooLong.Message);
    }

    private static DateTime Local(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).UtcDateTime;

    private Task TicketsAsync(int hall, params (DateTime Utc, Channel Channel, Category Category, bool Guided, bool? Succeeded)[] tickets) =>
        app.WithDbAsync(async db =>
        {
            var sla = new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2));
            var n = 0;
            foreach (var t in tickets)
            {
                var draft = new TicketDraft
                {
                    TaxpayerName = "测试纳税人", Description = "分析测试", Channel = t.Channel, Category = t.Category,
                    GuidedOnline = t.Guided, GuidanceSucceeded = t.Succeeded,
                };
                db.Tickets.Add(Ticket.Open(hall, $"AN{hall}-{++n:D4}", draft, sla, AnalysisApp.ManagerOf(hall), t.Utc));
            }
            await db.SaveChangesAsync();
            return n;
        });
}
