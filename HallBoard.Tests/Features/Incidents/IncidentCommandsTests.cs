using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using HallBoard.Hosting;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>Major incidents on SQLite, each test in a hall of its own: declared from tickets, worked, closed, and the
/// alert that carries the wall banner.</summary>
public sealed class IncidentCommandsTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private IncidentCommands Commands => app.Get<IncidentCommands>();
    private IncidentQueries Queries => app.Get<IncidentQueries>();
    private DateTime Now => app.Get<HallTime>().UtcNow;

    private IncidentDraft Draft(params Channel[] channels) => new()
    {
        Title = "电子税务局无法登录",
        Channels = channels.Length == 0 ? [Channel.ETaxWeb] : channels,
        Business = "网上申报",
        StartUtc = Now.AddMinutes(-20),
        EstimatedTaxpayers = 1,
    };

    [Fact]
    public async Task Declaring_from_tickets_links_them_on_their_timelines_audits_and_raises_the_banner_alert()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var first = await hall.IntakeAsync(app, "王五");
        var second = await hall.IntakeAsync(app, "赵六");
        using var feed = new FeedRecorder(app);

        var id = await Commands.DeclareAsync(Draft(), [first.Number, " " + second.Number.ToLowerInvariant() + " "], hall.Engineer(1));

        var detail = (await Queries.GetAsync(id, hall.Id))!;
        Assert.Equal([first.Number, second.Number], detail.Tickets.Select(t => t.Number));
        Assert.Equal(2, detail.TaxpayersAffected); // estimate 1, two tickets linked
        Assert.Equal([IncidentEntryKind.Declared, IncidentEntryKind.TicketLinked, IncidentEntryKind.TicketLinked], detail.Timeline.Select(e => e.Kind));
        var linked = await app.WithDbAsync(db => db.TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == first.Id && e.Kind == TicketEventKind.LinkedToIncident).ToListAsync());
        Assert.Contains("电子税务局无法登录", Assert.Single(linked).Note);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "宣布重大事件" && a.HallId == hall.Id)));
        var raised = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.AlertRaised);
        Assert.Equal(IncidentAlertSource.Kind, raised.Alert!.Kind);
        Assert.Contains("电子税务局无法登录", raised.Alert.Message);
        Assert.Contains(await SnapshotAlertsAsync(hall), a => a.AlertId == IncidentAlertSource.AlertId(id));
    }

    [Fact]
    public async Task A_second_open_incident_for_the_same_channel_is_refused_but_another_channel_is_not()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        await Commands.DeclareAsync(Draft(Channel.ETaxWeb, Channel.MobileApp), [], hall.Engineer(1));

        var ex = await Assert.ThrowsAsync<IncidentRuleException>(() =>
            Commands.DeclareAsync(Draft(Channel.MobileApp) with { Title = "手机APP闪退" }, [], hall.Engineer(1)));
        await Commands.DeclareAsync(Draft(Channel.SelfServiceTerminal) with { Title = "自助终端断网" }, [], hall.Engineer(1));

        Assert.Equal("本厅已有未关闭的重大事件“电子税务局无法登录”涉及手机APP，请在该事件中记录，不要重复宣布。", ex.Message);
        Assert.Equal(2, (await Queries.ListAsync(hall.Id)).Count);
    }

    [Fact]
    public async Task A_ticket_of_another_hall_or_an_unknown_number_refuses_the_declaration_and_nothing_is_saved()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var mine = await hall.IntakeAsync(app, "王五");
        var theirs = await other.IntakeAsync(app, "孙七");

        var foreign = await Assert.ThrowsAsync<IncidentRuleException>(() =>
            Commands.DeclareAsync(Draft(), [mine.Number, theirs.Number], hall.Engineer(1)));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.DeclareAsync(Draft(), ["GX-19990101-0001"], hall.Engineer(1)));
        var markup = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.DeclareAsync(Draft() with { Business = "<iframe src=x>" }, [], hall.Engineer(1)));

        Assert.Equal($"工单 {theirs.Number} 不属于本厅，不能关联。", foreign.Message);
        Assert.Equal("工单 GX-19990101-0001 不存在。", unknown.Message);
        Assert.Equal("受影响业务不能包含 HTML 标记或脚本。", markup.Message);
        Assert.Empty(await Queries.ListAsync(hall.Id));
        Assert.False(await app.WithDbAsync(db => db.TicketEvents.AnyAsync(e => e.TicketId == mine.Id && e.Kind == TicketEventKind.LinkedToIncident)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "宣布重大事件" && a.HallId == hall.Id)));
    }

    [Fact]
    public async Task Tickets_linked_later_count_live_and_closing_clears_the_banner_once()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Commands.DeclareAsync(Draft() with { EstimatedTaxpayers = null }, [], hall.Engineer(1));
        using var feed = new FeedRecorder(app);
        foreach (var name in new[] { "王五", "赵六", "孙七" })
            await Commands.LinkTicketAsync(id, (await hall.IntakeAsync(app, name)).Number, hall.Engineer(1));
        await Commands.AddActionAsync(id, "重启前置机", Now.AddMinutes(-5), hall.Engineer(1));
        await Commands.RecordReportAsync(id, "主管税务机关运维部门", Now.AddMinutes(-1), "电话报告王科长", hall.Engineer(1));

        Assert.Equal(3, (await Queries.ListAsync(hall.Id)).Single().TaxpayersAffected);

        await Commands.CloseAsync(id, Now, "前置机证书过期", "更新证书并重启服务", hall.Lead);
        var twice = await Assert.ThrowsAsync<IncidentRuleException>(() =>
            Commands.CloseAsync(id, Now, "前置机证书过期", "更新证书并重启服务", hall.Lead));

        Assert.Equal("该重大事件已关闭，不能再次关闭。", twice.Message);
        var cleared = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.AlertCleared);
        Assert.Equal(IncidentAlertSource.AlertId(id), cleared.Alert!.AlertId);
        Assert.Single(feed.Of(hall.Id), c => c.Kind == HallChangeKind.AlertCleared);
        Assert.DoesNotContain(await SnapshotAlertsAsync(hall), a => a.Kind == IncidentAlertSource.Kind);
        var detail = (await Queries.GetAsync(id, hall.Id))!;
        Assert.Equal(IncidentStatus.Closed, detail.Incident.Status);
        Assert.Equal("主管税务机关运维部门", Assert.Single(detail.Reports).Party);
        // Declared, three links, an action, a report, closed: one audit entry each.
        Assert.Equal(7, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(MajorIncident) && a.HallId == hall.Id)));
    }

    [Fact]
    public async Task Ending_before_the_start_is_refused_and_the_incident_stays_open()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Commands.DeclareAsync(Draft(), [], hall.Engineer(1));

        var ex = await Assert.ThrowsAsync<IncidentRuleException>(() =>
            Commands.CloseAsync(id, Now.AddHours(-1), "原因", "措施", hall.Lead));

        Assert.Equal("结束时间不能早于开始时间。", ex.Message);
        Assert.Equal(IncidentStatus.Open, (await Queries.GetAsync(id, hall.Id))!.Incident.Status);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Commands.AddActionAsync(id, "别厅的人", Now, HallAppFactory.As(Roles.HallLead, "x", "别厅", hall.Id + 100000)));
    }

    private async Task<IReadOnlyList<HallAlert>> SnapshotAlertsAsync(TestHall hall) =>
        (await app.Get<WallQueries>().SnapshotAsync(hall.Id))!.Alerts;
}
