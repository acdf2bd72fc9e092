using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Live;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Tickets;

public sealed class TicketCommandsTests(TicketCommandsTests.App app) : IClassFixture<TicketCommandsTests.App>
{
    /// <summary>The app on a driven clock, with the urgent SLA changed in configuration.</summary>
    public sealed class App : HallAppFactory
    {
        public App()
        {
            // 2026-03-02 09:00 in the hall (UTC+8).
            Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
            Settings["Sla:Priorities:Urgent:ResponseMinutes"] = "7";
            Settings["Sla:Priorities:Urgent:ResolveMinutes"] = "45";
        }
    }

    private TicketCommands Commands => app.Get<TicketCommands>();
    private TicketQueries Queries => app.Get<TicketQueries>();
    private FakeTimeProvider Clock => app.Clock!;

    [Fact]
    public async Task Intake_numbers_count_up_per_hall_and_restart_after_midnight_in_china()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var time = app.Get<HallTime>();
        // 23:50 on the next local day is 15:50 UTC; at 16:00 UTC a new day begins in the hall but not in UTC.
        var day = time.Today.AddDays(1);
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 50)), TimeSpan.Zero));

        var first = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);
        var second = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);
        Clock.Advance(TimeSpan.FromMinutes(20));
        var afterMidnight = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);

        Assert.Equal($"GX-{day:yyyyMMdd}-0001", first.Number);
        Assert.Equal($"GX-{day:yyyyMMdd}-0002", second.Number);
        Assert.Equal($"GX-{day.AddDays(1):yyyyMMdd}-0001", afterMidnight.Number);
        Assert.Equal(day, DateOnly.FromDateTime(time.UtcNow)); // still the same day in UTC

        var other = await OtherHallAsync("XQ");
        var otherFirst = await Commands.IntakeAsync(other.Hall.Id, Draft(), other.Actor, takeNow: false);
        Assert.Equal($"XQ-{day.AddDays(1):yyyyMMdd}-0001", otherFirst.Number);
        var gxNext = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);
        Assert.Equal($"GX-{day.AddDays(1):yyyyMMdd}-0002", gxNext.Number);
    }

    [Fact]
    public async Task Twenty_parallel_intakes_all_succeed_with_distinct_consecutive_numbers()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(2);

        var tickets = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => Commands.IntakeAsync(hall.Id, Draft() with { Description = $"并发录入 {i}" }, eng, takeNow: false))));

        var numbers = tickets.Select(t => t.Number).ToList();
        Assert.Equal(20, numbers.Distinct().Count());
        var sequence = numbers.Select(n => int.Parse(n[^4..])).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 20), sequence);
        var stored = await app.WithDbAsync(db => db.Tickets.CountAsync(t => numbers.Contains(t.Number)));
        Assert.Equal(20, stored);
    }

    [Fact]
    public async Task Intake_by_an_engineer_can_take_the_ticket_at_once()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(3);

        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        var detail = await Queries.GetAsync(ticket.Id, hall.Id);
        Assert.Equal(eng.EngineerId, detail!.Row.AssigneeId);
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Taken], detail.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task Intake_refuses_an_invalid_draft_and_stores_nothing()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var before = await app.WithDbAsync(db => db.Tickets.CountAsync());

        var failed = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.IntakeAsync(hall.Id, Draft() with { TaxpayerPhone = "123", Description = "<script>x</script>" }, eng, takeNow: false));

        Assert.Equal(["description", "taxpayerPhone"], failed.Errors.Keys.Order());
        Assert.Equal(before, await app.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task Sla_due_times_come_from_configuration_in_business_time()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        // Tuesday 10 March, 09:00 in the hall: later than any moment the other tests move the clock to.
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));

        var urgent = await Commands.IntakeAsync(hall.Id, Draft() with { Priority = Priority.Urgent }, eng, takeNow: false);
        var normal = await Commands.IntakeAsync(hall.Id, Draft() with { Priority = Priority.Normal }, eng, takeNow: false);
        // 17:20: ten minutes before closing.
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 20, 0, TimeSpan.Zero));
        var late = await Commands.IntakeAsync(hall.Id, Draft() with { Priority = Priority.Normal }, eng, takeNow: false);

        var u = (await Queries.GetAsync(urgent.Id, hall.Id))!.Row;
        Assert.Equal(u.CreatedUtc.AddMinutes(7), u.ResponseDueUtc);
        Assert.Equal(u.CreatedUtc.AddMinutes(45), u.ResolveDueUtc);
        var n = (await Queries.GetAsync(normal.Id, hall.Id))!.Row;
        Assert.Equal(n.CreatedUtc.AddMinutes(10), n.ResponseDueUtc);
        Assert.Equal(n.CreatedUtc.AddMinutes(120), n.ResolveDueUtc);
        // 10 minutes on Tuesday, then from 09:00 on Wednesday: responded by 17:30, resolved by 10:50 next day.
        var l = (await Queries.GetAsync(late.Id, hall.Id))!.Row;
        Assert.Equal(new DateTime(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc), l.ResponseDueUtc);
        Assert.Equal(new DateTime(2026, 3, 11, 2, 50, 0, DateTimeKind.Utc), l.ResolveDueUtc);
    }

    [Fact]
    public async Task A_command_commits_its_timeline_event_and_audit_entry_together()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);

        var taken = await Commands.TakeAsync(ticket.Id, ticket.Version, eng.EngineerId!.Value, eng);

        Assert.Equal(TicketStatus.InProgress, taken.Status);
        Assert.Equal(ticket.Version + 1, taken.Version);
        var (events, audit) = await TraceAsync(ticket);
        var takenEvent = events[^1];
        Assert.Equal(TicketEventKind.Taken, takenEvent.Kind);
        Assert.Equal(TicketStatus.Waiting, takenEvent.FromStatus);
        Assert.Equal(TicketStatus.InProgress, takenEvent.ToStatus);
        Assert.Equal("张伟", takenEvent.ActorName);

        Assert.Equal(["工单录入", "受理工单"], audit.Select(a => a.Action));
        var intake = audit[0];
        Assert.Null(intake.Before);
        Assert.Contains("状态=待受理", intake.After);
        var take = audit[1];
        Assert.Equal(eng.Id, take.ActorId);
        Assert.Equal("张伟", take.ActorName);
        Assert.Equal("Ticket", take.EntityType);
        Assert.Equal(hall.Id, take.HallId);
        Assert.Contains("状态=待受理", take.Before);
        Assert.Contains("负责人=—", take.Before);
        Assert.Contains("状态=处理中", take.After);
        Assert.Contains("负责人=张伟", take.After);
        Assert.Equal(takenEvent.AtUtc, take.AtUtc);
    }

    [Fact]
    public async Task A_refused_command_leaves_no_event_no_audit_entry_and_no_change_notice()
    {
        var hall = await app.DemoHallAsync();
        var owner = await app.EngineerActorAsync(1);
        var other = await app.EngineerActorAsync(2);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), owner, takeNow: true);
        var (eventsBefore, auditBefore) = await TraceAsync(ticket);
        var notices = new List<HallChange>();
        using var _ = app.Get<HallFeed>().Subscribe(c => { lock (notices) notices.Add(c); return Task.CompletedTask; });

        var refused = await Assert.ThrowsAsync<TicketRuleException>(() => Commands.ResolveAsync(ticket.Id, ticket.Version, "我来处理", other));

        Assert.Equal(TicketRule.NotAssignee, refused.Rule);
        var (eventsAfter, auditAfter) = await TraceAsync(ticket);
        Assert.Equal(eventsBefore.Count, eventsAfter.Count);
        Assert.Equal(auditBefore.Count, auditAfter.Count);
        Assert.DoesNotContain(notices, n => n.TicketId == ticket.Id);
        Assert.Equal(TicketStatus.InProgress, (await Queries.GetAsync(ticket.Id, hall.Id))!.Row.Status);
    }

    [Fact]
    public async Task A_successful_command_publishes_one_change_notice_without_taxpayer_data()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(4);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        var notices = new List<HallChange>();
        using var _ = app.Get<HallFeed>().Subscribe(c => { lock (notices) notices.Add(c); return Task.CompletedTask; });

        await Commands.ResolveAsync(ticket.Id, ticket.Version, "已指导完成", eng);

        var notice = Assert.Single(notices, n => n.TicketId == ticket.Id);
        Assert.Equal(ticket.Number, notice.TicketNumber);
        Assert.Equal(hall.Id, notice.HallId);
        Assert.Equal(nameof(TicketStatus.Resolved), notice.Status);
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_nothing_changes()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);
        var taken = await Commands.TakeAsync(ticket.Id, ticket.Version, eng.EngineerId!.Value, eng);
        var (eventsBefore, auditBefore) = await TraceAsync(ticket);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Commands.ResolveAsync(ticket.Id, ticket.Version, "按旧页面提交", eng));

        Assert.Equal("该工单已被他人修改，请刷新后再试。", conflict.Message);
        var row = (await Queries.GetAsync(ticket.Id, hall.Id))!.Row;
        Assert.Equal(TicketStatus.InProgress, row.Status);
        Assert.Equal(taken.Version, row.Version);
        var (eventsAfter, auditAfter) = await TraceAsync(ticket);
        Assert.Equal(eventsBefore.Count, eventsAfter.Count);
        Assert.Equal(auditBefore.Count, auditAfter.Count);
    }

    [Fact]
    public async Task Two_engineers_taking_the_same_ticket_at_once_leave_exactly_one_owner()
    {
        var hall = await app.DemoHallAsync();
        var zhang = await app.EngineerActorAsync(1);
        var wang = await app.EngineerActorAsync(2);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), zhang, takeNow: false);

        var attempts = new[] { zhang, wang }.Select(a => Task.Run(() => Commands.TakeAsync(ticket.Id, ticket.Version, a.EngineerId!.Value, a))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try { return (Ref: await t, Error: (Exception?)null); }
            catch (HallBoardException ex) { return (Ref: (TicketRef?)null, Error: (Exception?)ex); }
        }));

        var won = Assert.Single(outcomes, o => o.Ref is not null);
        var lost = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<ConcurrencyConflictException>(lost.Error);
        var detail = (await Queries.GetAsync(ticket.Id, hall.Id))!;
        Assert.Equal(won.Ref!.Version, detail.Row.Version);
        Assert.Single(detail.Timeline, e => e.Kind == TicketEventKind.Taken);
        var (_, audit) = await TraceAsync(ticket);
        Assert.Single(audit, a => a.Action == "受理工单");
    }

    [Fact]
    public async Task An_engineer_of_another_hall_can_neither_see_nor_change_a_ticket()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        var stranger = await OtherHallAsync("DX");

        Assert.Null(await Queries.GetAsync(ticket.Id, stranger.Hall.Id));
        var list = await Queries.ListAsync(new TicketFilter { HallId = stranger.Hall.Id, View = QueueView.All, PageSize = 200 });
        Assert.DoesNotContain(list.Rows, r => r.Id == ticket.Id);
        var notFound = await Assert.ThrowsAsync<NotFoundException>(() =>
            Commands.ResolveAsync(ticket.Id, null, "越权处理", stranger.Actor));
        Assert.Equal("工单不存在。", notFound.Message);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Commands.CloseAsync(ticket.Id, null, CloseReason.Declined, "越权关闭", stranger.Actor));

        var row = (await Queries.GetAsync(ticket.Id, hall.Id))!.Row;
        Assert.Equal(TicketStatus.InProgress, row.Status);
        Assert.Equal(ticket.Version, row.Version);
    }

    [Fact]
    public async Task A_ticket_cannot_be_given_to_an_engineer_of_another_hall()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        var stranger = await OtherHallAsync("KF");

        var failed = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.HandOverAsync(ticket.Id, ticket.Version, stranger.Actor.EngineerId!.Value, "请外厅协助", eng));

        Assert.Equal(["engineerId"], failed.Errors.Keys);
        Assert.Equal(eng.EngineerId, (await Queries.GetAsync(ticket.Id, hall.Id))!.Row.AssigneeId);
    }

    [Fact]
    public async Task An_unknown_ticket_is_not_found()
    {
        var eng = await app.EngineerActorAsync(1);

        await Assert.ThrowsAsync<NotFoundException>(() => Commands.TakeAsync(987654, null, eng.EngineerId!.Value, eng));
    }

    [Fact]
    public async Task The_whole_loop_through_the_services_leaves_a_complete_timeline()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(5);

        var t = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: false);
        t = await Commands.TakeAsync(t.Id, t.Version, eng.EngineerId!.Value, eng);
        t = await Commands.ResolveAsync(t.Id, t.Version, "指导纳税人重新下载证书", eng);
        t = await Commands.FollowUpAsync(t.Id, t.Version, FollowUpOutcome.Reached, "已恢复正常", eng);
        t = await Commands.RateAsync(t.Id, t.Version, SatisfactionLevel.VerySatisfied, null, RatingSource.CallBack, eng);
        t = await Commands.CloseAsync(t.Id, t.Version, CloseReason.Completed, null, eng);

        Assert.Equal(TicketStatus.Closed, t.Status);
        var detail = (await Queries.GetAsync(t.Id, hall.Id))!;
        Assert.Equal(
            [TicketEventKind.Created, TicketEventKind.Taken, TicketEventKind.Resolved, TicketEventKind.FollowUp, TicketEventKind.Rated, TicketEventKind.Closed],
            detail.Timeline.Select(e => e.Kind));
        Assert.Equal(SatisfactionLevel.VerySatisfied, detail.Rating);
        Assert.Equal(RatingSource.CallBack, detail.RatingSource);
        var (_, audit) = await TraceAsync(t);
        Assert.Equal(["工单录入", "受理工单", "解决工单", "回访", "满意度评价", "关闭工单"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task A_ticket_reopened_after_a_rating_can_be_rated_again_once_resolved_again()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(6);
        var t = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        t = await Commands.ResolveAsync(t.Id, t.Version, "第一次处理", eng);
        t = await Commands.RateAsync(t.Id, t.Version, SatisfactionLevel.Dissatisfied, "没解决", RatingSource.HandedTablet, eng);

        t = await Commands.FollowUpAsync(t.Id, t.Version, FollowUpOutcome.NotSatisfied, "仍无法开票", eng);
        Assert.Equal(TicketStatus.InProgress, t.Status);
        t = await Commands.ResolveAsync(t.Id, t.Version, "第二次处理：更换税控盘", eng);
        t = await Commands.RateAsync(t.Id, t.Version, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, eng);

        var detail = (await Queries.GetAsync(t.Id, hall.Id))!;
        Assert.Equal(1, detail.ReopenCount);
        Assert.Equal(SatisfactionLevel.Satisfied, detail.Rating);
        Assert.Equal("第二次处理：更换税控盘", detail.Resolution);
        Assert.Equal(2, detail.Timeline.Count(e => e.Kind == TicketEventKind.Rated));
    }

    /// <summary>A complete walk-in about an invoice fault, as the ticket command tests log it.</summary>
    internal static TicketDraft Draft() => new()
    {
        TaxpayerName = "李四",
        TaxpayerId = "91350100M000100Y43",
        TaxpayerPhone = "13912345678",
        Channel = Channel.MobileApp,
        Category = Category.Invoice,
        Kind = TicketKind.Fault,
        Description = "开具发票时提示税控设备未连接",
    };

    private Task<(List<TicketEvent> Events, List<AuditEntry> Audit)> TraceAsync(TicketRef ticket) => app.WithDbAsync(async db =>
    {
        var events = await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticket.Id).OrderBy(e => e.Id).ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Ticket" && a.EntityId == ticket.Number).OrderBy(a => a.Id).ToListAsync();
        return (events, audit);
    });

    /// <summary>A second hall with one engineer, and the actor that engineer signs in as.</summary>
    private Task<(Hall Hall, Actor Actor)> OtherHallAsync(string code) => app.WithDbAsync(async db =>
    {
        var hall = new Hall { Code = code, Name = $"{code} 办税服务厅" };
        db.Halls.Add(hall);
        await db.SaveChangesAsync();
        var engineer = new Engineer { HallId = hall.Id, Name = "周杰", EmployeeNo = "E01" };
        db.Engineers.Add(engineer);
        await db.SaveChangesAsync();
        return (hall, HallAppFactory.As(Roles.Engineer, $"user-{code}", engineer.Name, hall.Id, engineer.Id));
    });
}
