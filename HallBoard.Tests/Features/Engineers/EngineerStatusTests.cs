using HallBoard.Domain;
using HallBoard.Features.Engineers;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Engineers;

/// <summary>Engineer status: a tap on the tablet, and Serving following the tickets; every change kept, audited, published.</summary>
public sealed class EngineerStatusTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private EngineerStatusBook Statuses => app.Get<EngineerStatusBook>();

    [Fact]
    public async Task A_tap_is_kept_with_its_time_and_who_and_reaches_the_hall()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var me = hall.Engineer(1);
        using var feed = new FeedRecorder(app);

        var away = await Statuses.SetAsync(me.EngineerId!.Value, EngineerStatus.Away, me);
        await Statuses.SetAsync(me.EngineerId!.Value, EngineerStatus.Break, me);

        Assert.Equal(EngineerStatus.Away, away.Status);
        var changes = await ChangesAsync(me);
        Assert.Equal([(EngineerStatus.Offline, EngineerStatus.Away), (EngineerStatus.Away, EngineerStatus.Break)],
            changes.Select(c => (c.From, c.To)));
        Assert.All(changes, c => Assert.Equal(me.Id, c.ById));
        Assert.All(changes, c => Assert.Equal(DateTimeKind.Utc, c.AtUtc.Kind));
        Assert.True(changes[1].AtUtc >= changes[0].AtUtc);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "工程师状态" && a.HallId == hall.Id)
            .OrderBy(a => a.Id).Select(a => a.After).ToListAsync());
        Assert.Equal(["暂离", "休息"], audit);
        var published = feed.Of(hall.Id).Where(c => c.Kind == HallChangeKind.EngineerStatusChanged).Select(c => c.Engineer!).ToList();
        Assert.Equal(["暂离", "休息"], published.Select(e => e.StatusLabel));
        Assert.All(published, e => Assert.Equal(me.Name, e.Name));
        var figures = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.FiguresChanged);
        Assert.Equal(0, figures.Figures!.EngineersOnDuty);
    }

    [Fact]
    public async Task Taking_a_ticket_makes_its_engineer_serving_and_resolving_the_last_one_makes_them_available()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var me = hall.Engineer(1);
        var first = await hall.IntakeAsync(app, "张三丰");
        var second = await hall.IntakeAsync(app, "李四");

        await hall.TakeAsync(app, first, by: 1);
        Assert.Equal(EngineerStatus.Serving, await StatusAsync(me));
        await hall.TakeAsync(app, second, by: 1);
        await hall.ResolveAsync(app, first, by: 1);
        Assert.Equal(EngineerStatus.Serving, await StatusAsync(me));
        await hall.ResolveAsync(app, second, by: 1);
        Assert.Equal(EngineerStatus.Available, await StatusAsync(me));

        var reasons = (await ChangesAsync(me)).Select(c => c.Reason).ToList();
        Assert.Equal([$"受理工单 {first.Number}", $"解决工单 {second.Number}"], reasons);
    }

    [Fact]
    public async Task Handing_over_frees_the_giver_and_makes_a_free_receiver_serving()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var (giver, receiver) = (hall.Engineer(1), hall.Engineer(2));
        await Statuses.SetAsync(receiver.EngineerId!.Value, EngineerStatus.Available, receiver);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);
        Assert.Equal(EngineerStatus.Serving, await StatusAsync(giver));

        await app.Get<HallBoard.Features.Tickets.TicketCommands>()
            .HandOverAsync(ticket.Id, null, receiver.EngineerId!.Value, "需要社保专岗处理", giver);

        Assert.Equal(EngineerStatus.Available, await StatusAsync(giver));
        Assert.Equal(EngineerStatus.Serving, await StatusAsync(receiver));
        Assert.Equal($"接手工单 {ticket.Number}", (await ChangesAsync(receiver)).Last().Reason);
    }

    [Fact]
    public async Task A_screen_hears_who_became_busy_before_it_hears_of_the_ticket_and_the_figures_follow()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        using var feed = new FeedRecorder(app);

        var ticket = await hall.IntakeAsync(app, "赵六", takenBy: 1);

        var figures = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Kind == HallChangeKind.FiguresChanged);
        Assert.Equal((1, 1, 1), (figures.Figures!.Tickets, figures.Figures.InService, figures.Figures.EngineersOnDuty));
        // Alerts come from their own timer and may fall anywhere in between.
        var kinds = feed.Of(hall.Id).Select(c => c.Kind).Where(k => k is not (HallChangeKind.AlertRaised or HallChangeKind.AlertCleared)).ToList();
        Assert.Equal([HallChangeKind.EngineerStatusChanged, HallChangeKind.TicketChanged, HallChangeKind.FiguresChanged], kinds);
        var notice = feed.Of(hall.Id).Single(c => c.Kind == HallChangeKind.TicketChanged);
        Assert.Equal(ticket.Number, notice.TicketNumber);
        Assert.Equal("赵**", notice.Ticket?.Taxpayer);
        Assert.Equal(hall.Engineer(1).Name, notice.Ticket?.Engineer);
    }

    [Fact]
    public async Task Serving_is_not_tapped_and_nobody_sets_another_engineers_status()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var (me, other) = (hall.Engineer(1), hall.Engineer(2));

        var serving = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Statuses.SetAsync(me.EngineerId!.Value, EngineerStatus.Serving, me));
        Assert.Contains("受理工单时自动设置", serving.Message);
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Statuses.SetAsync(other.EngineerId!.Value, EngineerStatus.Away, me));
        Assert.Equal("只能设置本人的状态。", forbidden.Message);
        var otherHall = await app.EngineerActorAsync(1);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Statuses.SetAsync(other.EngineerId!.Value, EngineerStatus.Away, otherHall with { EngineerId = null }));
        Assert.Empty(await ChangesAsync(other));
    }

    private async Task<EngineerStatus> StatusAsync(Actor engineer) =>
        (await Statuses.CurrentAsync(engineer.EngineerId!.Value))!.Status;

    private Task<List<EngineerStatusChange>> ChangesAsync(Actor engineer) => app.WithDbAsync(db =>
        db.EngineerStatusChanges.Where(c => c.EngineerId == engineer.EngineerId).OrderBy(c => c.Id).ToListAsync());
}
