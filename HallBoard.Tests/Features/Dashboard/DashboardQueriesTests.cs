using HallBoard.Domain;
using HallBoard.Features.Dashboard;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The figures of the known hall (see <see cref="KnownHall"/>), computed by hand.</summary>
public sealed class DashboardQueriesTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private async Task<DashboardFigures> FiguresAsync()
    {
        var known = await app.KnownAsync();
        return await app.Get<DashboardQueries>().FiguresAsync(known.HallId, KnownHall.Period);
    }

    [Fact]
    public async Task Tickets_fall_in_the_hall_s_local_days_and_hours()
    {
        var f = await FiguresAsync();

        Assert.Equal(6, f.Tickets);
        // 00:00 on 2 March in the hall is 16:00 UTC on 1 March; 23:59:59 is still 2 March.
        Assert.Equal([new DayCount(new(2026, 3, 2), 4), new DayCount(new(2026, 3, 3), 2)], f.PerDay);
        var hours = new int[24];
        hours[0] = 1; hours[8] = 2; hours[9] = 2; hours[23] = 1;
        Assert.Equal(hours, f.PerHour);
    }

    [Fact]
    public async Task Channels_categories_and_kinds_list_every_value()
    {
        var f = await FiguresAsync();

        Assert.Equal(Enum.GetValues<Channel>().Length, f.ByChannel.Count);
        Assert.Equal(new Dictionary<Channel, int> { [Channel.Counter] = 2, [Channel.ETaxWeb] = 2, [Channel.MobileApp] = 1, [Channel.Hotline12366] = 1 },
            f.ByChannel.Where(s => s.Count > 0).ToDictionary(s => s.Value, s => s.Count));
        Assert.Equal(new Dictionary<Category, int> { [Category.Invoice] = 3, [Category.Filing] = 2, [Category.Payment] = 1 },
            f.ByCategory.Where(s => s.Count > 0).ToDictionary(s => s.Value, s => s.Count));
        Assert.Equal(new Dictionary<TicketKind, int> { [TicketKind.Fault] = 2, [TicketKind.Consultation] = 2, [TicketKind.Guidance] = 1, [TicketKind.Complaint] = 1 },
            f.ByKind.Where(s => s.Count > 0).ToDictionary(s => s.Value, s => s.Count));
    }

    [Fact]
    public async Task Sla_compliance_counts_late_open_tickets_and_leaves_out_those_not_yet_due()
    {
        var f = await FiguresAsync();

        // Response: taken 1, 2 (late), 3, 5, 6 + 4 still waiting past its time → 4 of 6.
        Assert.Equal(new Rate(4, 6), f.Sla.Response);
        Assert.Equal("66.7%", f.Sla.Response.Percent);
        // Resolve: resolved 1, 2, 3 (late), 5 + 4 open past its time; 6 is not due until 09:25 → 3 of 5.
        Assert.Equal(new Rate(3, 5), f.Sla.Resolve);
        Assert.Equal("60.0%", f.Sla.Resolve.Percent);
    }

    [Fact]
    public async Task Satisfaction_has_five_levels_and_a_daily_trend()
    {
        var f = await FiguresAsync();

        Assert.Equal([SatisfactionLevel.VerySatisfied, SatisfactionLevel.Satisfied, SatisfactionLevel.Basic, SatisfactionLevel.Dissatisfied, SatisfactionLevel.VeryDissatisfied],
            f.Satisfaction.Levels.Select(l => l.Level));
        Assert.Equal([1, 1, 1, 0, 0], f.Satisfaction.Levels.Select(l => l.Count));
        Assert.Equal(new Rate(2, 3), f.Satisfaction.Satisfied);
        Assert.Equal([new SatisfactionDay(new(2026, 3, 2), 2, 2, 4.5), new SatisfactionDay(new(2026, 3, 3), 1, 0, 3.0)], f.Satisfaction.Trend);
    }

    [Fact]
    public async Task Call_backs_and_online_guidance_are_counted()
    {
        var f = await FiguresAsync();

        // Resolved 1, 2, 3, 5: reached 1 and 3; 2 closed unreachable; 5 still to call.
        Assert.Equal(new CallBackFigures(Resolved: 4, CalledBack: 2, ClosedUnreachable: 1, ClosedDeclined: 0, Pending: 1), f.CallBack);
        Assert.Equal("50.0%", f.CallBack.Completion.Percent);
        Assert.Equal(new GuidanceFigures(Guided: 3, Succeeded: 1, Failed: 1, Unknown: 1), f.Guidance);
        Assert.Equal(new Rate(1, 2), f.Guidance.Success);
    }

    [Fact]
    public async Task Each_engineer_s_workload_and_compliance()
    {
        var f = await FiguresAsync();

        Assert.Equal(
        [
            new EngineerFigures(f.Engineers[0].EngineerId, "张工", Taken: 3, Resolved: 2, Response: new Rate(2, 3), Resolve: new Rate(2, 2)),
            new EngineerFigures(f.Engineers[1].EngineerId, "李工", Taken: 2, Resolved: 2, Response: new Rate(2, 2), Resolve: new Rate(1, 2)),
        ], f.Engineers);
    }

    [Fact]
    public async Task An_empty_period_has_zeros_not_errors()
    {
        var known = await app.KnownAsync();

        var f = await app.Get<DashboardQueries>().FiguresAsync(known.HallId, new DashboardPeriod(new(2025, 1, 1), new(2025, 1, 7)));

        Assert.Equal(0, f.Tickets);
        Assert.Equal(7, f.PerDay.Count);
        Assert.Equal("—", f.Sla.Response.Percent);
        Assert.Empty(f.Engineers);
        Assert.All(f.Satisfaction.Trend, d => Assert.Null(d.Average));
    }

    [Theory]
    [InlineData("2026-03-05", "2026-03-01", "结束日期 2026-03-01 早于开始日期 2026-03-05，请重新选择日期范围。")]
    [InlineData(null, "2026-03-01", "请选择开始日期和结束日期。")]
    [InlineData("2026-03-01", "", "请选择开始日期和结束日期。")]
    [InlineData("2024-01-01", "2026-03-01", "日期范围最长 366 天，请缩小范围。")]
    public void A_reversed_empty_or_too_long_range_is_refused_with_a_clear_message(string? from, string? to, string message)
    {
        var error = Assert.Throws<ValidationFailedException>(() => DashboardPeriod.FromQuery(from, to));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_current_week_month_and_half_year_end_today()
    {
        var thursday = new DateOnly(2026, 11, 26);

        Assert.Equal(new DashboardPeriod(thursday, thursday), DashboardPeriod.Current(PeriodKind.Day, thursday));
        Assert.Equal(new DashboardPeriod(new(2026, 11, 23), thursday), DashboardPeriod.Current(PeriodKind.Week, thursday));
        Assert.Equal(new DashboardPeriod(new(2026, 11, 1), thursday), DashboardPeriod.Current(PeriodKind.Month, thursday));
        Assert.Equal(new DashboardPeriod(new(2026, 7, 1), thursday), DashboardPeriod.Current(PeriodKind.HalfYear, thursday));
        Assert.Equal(new DashboardPeriod(new(2026, 1, 1), new(2026, 3, 3)), DashboardPeriod.Current(PeriodKind.HalfYear, new(2026, 3, 3)));
    }
}
