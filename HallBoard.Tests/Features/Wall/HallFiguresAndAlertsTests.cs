using HallBoard.Domain;
using HallBoard.Features.Engineers;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using HallBoard.Live;

namespace HallBoard.Tests.Features.Wall;

/// <summary>Today's figures of a hall and its alerts, on a clock the test moves (09:00 in the hall at the start).</summary>
public sealed class HallFiguresAndAlertsTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private WallQueries Queries => app.Get<WallQueries>();

    [Fact]
    public async Task Todays_figures_count_tickets_resolved_waits_handling_satisfaction_and_engineers_on_duty()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 5);
        using var feed = new FeedRecorder(app);
        var commands = app.Get<TicketCommands>();

        var first = await hall.IntakeAsync(app, "张三");
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await hall.TakeAsync(app, first, by: 1);
        app.Time.Advance(TimeSpan.FromMinutes(4));
        await hall.ResolveAsync(app, first, by: 1);
        await commands.RateAsync(first.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.HandedTablet, hall.Engineer(1));

        var second = await hall.IntakeAsync(app, "李四");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await hall.TakeAsync(app, second, by: 2);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await hall.ResolveAsync(app, second, by: 2);
        await commands.RateAsync(second.Id, null, SatisfactionLevel.Dissatisfied, "等太久", RatingSource.HandedTablet, hall.Engineer(2));

        await hall.IntakeAsync(app, "王五");
        await hall.IntakeAsync(app, "赵六", takenBy: 3);

        var figures = (await Queries.FiguresAsync(hall.Id))!;
        Assert.Equal(4, figures.Tickets);
        Assert.Equal(2, figures.Resolved);
        Assert.Equal(1, figures.Waiting);
        Assert.Equal(1, figures.InService);
        Assert.Equal((120 + 60 + 0) / 3, figures.AverageWaitSeconds);
        Assert.Equal((240 + 120) / 2, figures.AverageHandlingSeconds);
        Assert.Equal(0.5, figures.SatisfactionRate);
        Assert.Equal(3, figures.EngineersOnDuty); // two back to 在岗 after resolving, one 服务中
        Assert.Equal(0.0, figures.OnlineGuidedShare); // nobody was guided online today
        // The last changes came within a second of each other: their figures go out at the end of that second.
        app.Time.Advance(HallFiguresPublisher.MinInterval);
        await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.FiguresChanged && c.Figures == figures);
    }

    [Fact]
    public async Task A_burst_of_changes_publishes_the_figures_at_once_and_then_at_most_once_a_second()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        using var feed = new FeedRecorder(app);

        for (var i = 0; i < 5; i++) await hall.IntakeAsync(app, $"高峰{i}");
        await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.FiguresChanged);
        // The next publish waits on the hall's clock, which has not moved: the burst so far went out once.
        Assert.Single(Published(feed, hall));

        app.Time.Advance(HallFiguresPublisher.MinInterval);
        await feed.WaitForAsync(c => c.HallId == hall.Id && c.Figures?.Tickets == 5);
        Assert.InRange(Published(feed, hall).Count(), 1, 2);
    }

    private static IEnumerable<HallFigures> Published(FeedRecorder feed, TestHall hall) =>
        feed.Of(hall.Id).Where(c => c.Kind == HallChangeKind.FiguresChanged).Select(c => c.Figures!);

    [Fact]
    public async Task A_new_local_day_starts_from_zero_but_still_counts_who_is_waiting()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        await hall.IntakeAsync(app, "钱七");
        Assert.Equal(1, (await Queries.FiguresAsync(hall.Id))!.Tickets);

        var local = app.Get<HallBoard.Hosting.HallTime>();
        var untilMidnight = local.DayStartUtc(local.Today.AddDays(1)) - app.Time.GetUtcNow().UtcDateTime;
        app.Time.Advance(untilMidnight + TimeSpan.FromMinutes(1));

        var figures = (await Queries.FiguresAsync(hall.Id))!;
        Assert.Equal(0, figures.Tickets);
        Assert.Equal(1, figures.Waiting);
        Assert.Null(figures.AverageWaitSeconds);
        Assert.Null(figures.SatisfactionRate);
    }

    [Fact]
    public async Task A_taxpayer_waiting_past_the_response_target_raises_an_alert_that_clears_when_taken()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 5);
        app.MoveToNextOpening();
        using var feed = new FeedRecorder(app);
        var ticket = await hall.IntakeAsync(app, "孙八", taxpayerId: "11010519491231002X", phone: "13812345678");

        // Three quarters of the 10 minutes: a warning first.
        app.Time.Advance(TimeSpan.FromMinutes(8));
        var warned = await feed.WaitForAsync(c => c.Kind == HallChangeKind.AlertRaised && c.TicketNumber == ticket.Number);
        Assert.Equal(($"sla:response-near:{ticket.Number}", AlertKinds.SlaWarning, AlertKinds.Warning),
            (warned.Alert!.AlertId, warned.Alert.Kind, warned.Alert.Severity));
        Assert.Equal($"{ticket.Number}（发票）即将超过响应时限", warned.Alert.Message);

        app.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(20));
        var raised = await feed.WaitForAsync(c => c.Kind == HallChangeKind.AlertRaised && c.TicketNumber == ticket.Number && c.Alert!.Kind == AlertKinds.SlaBreach);
        Assert.Contains(feed.Of(hall.Id), c => c.Kind == HallChangeKind.AlertCleared && c.Alert!.AlertId == warned.Alert.AlertId);

        Assert.Equal($"sla:response:{ticket.Number}", raised.Alert!.AlertId);
        Assert.Equal(AlertKinds.SlaBreach, raised.Alert.Kind);
        Assert.Equal(AlertKinds.Critical, raised.Alert.Severity);
        Assert.Equal($"{ticket.Number}（发票）等待超过响应时限", raised.Alert.Message);
        Assert.Contains(raised.Alert, (await Queries.SnapshotAsync(hall.Id))!.Alerts);

        await hall.TakeAsync(app, ticket, by: 1);
        app.Time.Advance(TimeSpan.FromSeconds(15));
        var cleared = await feed.WaitForAsync(c => c.Kind == HallChangeKind.AlertCleared && c.Alert!.AlertId == raised.Alert.AlertId);
        Assert.Equal(ticket.Number, cleared.TicketNumber);
        Assert.Single(feed.Of(hall.Id), c => c.Kind == HallChangeKind.AlertRaised && c.Alert!.AlertId == raised.Alert.AlertId);
        Assert.DoesNotContain((await Queries.SnapshotAsync(hall.Id))!.Alerts, a => a.TicketNumber == ticket.Number);
    }

    [Fact]
    public async Task Fewer_than_five_engineers_on_duty_raises_an_alert_that_clears_when_the_fifth_comes()
    {
        // Listening before the clock moves: a move may let the monitor raise the alert at once.
        using var feed = new FeedRecorder(app);
        app.MoveToNextOpening();
        var staffing = await HallBoard.Tests.Features.Staffing.StaffingHall.CreateAsync(app, engineers: 6);
        var hall = staffing.Hall;
        await staffing.RosterTodayAsync(6);
        await OnDutyAsync(hall, 4);

        app.Time.Advance(TimeSpan.FromSeconds(15));
        var raised = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.AlertRaised);
        Assert.Equal($"duty:{hall.Code}", raised.Alert!.AlertId);
        Assert.Equal("在岗工程师不足 5 人", raised.Alert.Message);

        await app.Get<EngineerStatusBook>().SetAsync(hall.Engineer(5).EngineerId!.Value, EngineerStatus.Available, hall.Engineer(5));
        app.Time.Advance(TimeSpan.FromSeconds(15));
        var cleared = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.AlertCleared);
        Assert.Equal($"duty:{hall.Code}", cleared.Alert!.AlertId);
    }

    private async Task OnDutyAsync(TestHall hall, int count)
    {
        foreach (var engineer in hall.Engineers.Take(count))
            await app.Get<EngineerStatusBook>().SetAsync(engineer.EngineerId!.Value, EngineerStatus.Available, engineer);
    }
}
