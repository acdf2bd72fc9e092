using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Sla;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using Microsoft.EntityFrameworkCore;
using static HallBoard.Tests.Features.Sla.SlaHall;

namespace HallBoard.Tests.Features.Sla;

/// <summary>
/// Tickets taken in through the app's commands run on the hall's business clock built from the stored calendar
/// (the 2026 schedule seeded by the migration, standard hours Mon–Fri 09:00–12:00 and 13:30–17:30). Normal priority
/// is 10 min to respond and 120 min to resolve. Each test starts its own app at its own moment.
/// </summary>
public sealed class SlaClockServiceTests
{
    [Fact]
    public async Task A_ticket_opened_before_the_national_day_gets_its_due_times_after_it_and_is_not_overdue_during_it()
    {
        using var app = new SlaHall(2026, 9, 30, 17);
        var (hall, eng) = (await app.DemoHallAsync(), await app.EngineerActorAsync(1));
        var commands = app.Get<TicketCommands>();

        var created = await commands.IntakeAsync(hall.Id, Draft("国庆前"), eng, takeNow: true);

        var ticket = await TicketAsync(app, created.Id);
        Assert.Equal(Local(2026, 9, 30, 17, 10), ticket.ResponseDueUtc);
        // 30 min on 30 Sept, 1–7 Oct closed, 90 min on Thu 8 Oct.
        Assert.Equal(Local(2026, 10, 8, 10, 30), ticket.ResolveDueUtc);
        app.MoveTo(2026, 10, 7, 18);
        Assert.DoesNotContain(await OverdueAsync(app, hall.Id), n => n == created.Number);
        app.MoveTo(2026, 10, 8, 10, 31);
        Assert.Contains(await OverdueAsync(app, hall.Id), n => n == created.Number);
    }

    [Fact]
    public async Task A_make_up_saturday_counts_as_a_working_day()
    {
        using var app = new SlaHall(2026, 2, 13, 17);
        var (hall, eng) = (await app.DemoHallAsync(), await app.EngineerActorAsync(1));

        var friday = await app.Get<TicketCommands>().IntakeAsync(hall.Id, Draft("调休前"), eng, takeNow: true);

        // 30 min on Friday, 90 min on Sat 14 Feb (调休上班), not after the spring festival.
        Assert.Equal(Local(2026, 2, 14, 10, 30), (await TicketAsync(app, friday.Id)).ResolveDueUtc);
        app.MoveTo(2026, 2, 14, 17);
        var saturday = await app.Get<TicketCommands>().IntakeAsync(hall.Id, Draft("调休日"), eng, takeNow: false);
        // Logged at 17:00 on the make-up Saturday: 30 min that day, the festival (15–23 Feb) closed, 90 min on Tue 24 Feb.
        Assert.Equal(Local(2026, 2, 24, 10, 30), (await TicketAsync(app, saturday.Id)).ResolveDueUtc);
    }

    [Fact]
    public async Task Waiting_on_the_taxpayer_over_a_weekend_stops_the_clock_and_resuming_pushes_the_due_time()
    {
        using var app = new SlaHall(2026, 3, 6, 16);
        var (hall, eng) = (await app.DemoHallAsync(), await app.EngineerActorAsync(1));
        var commands = app.Get<TicketCommands>();
        var created = await commands.IntakeAsync(hall.Id, Draft("周末等待"), eng, takeNow: true);
        Assert.Equal(Local(2026, 3, 9, 9, 30), (await TicketAsync(app, created.Id)).ResolveDueUtc);

        app.MoveTo(2026, 3, 6, 16, 30);
        await commands.WaitOnTaxpayerAsync(created.Id, null, "补交营业执照复印件", eng);

        // Monday 09:45 is past the old due time, but the ticket is waiting: not overdue, no alert.
        app.MoveTo(2026, 3, 9, 9, 45);
        Assert.DoesNotContain(await OverdueAsync(app, hall.Id), n => n == created.Number);
        Assert.DoesNotContain(await AlertsAsync(app, hall.Id), a => a.TicketNumber == created.Number);
        var detail = (await app.Get<TicketQueries>().GetAsync(created.Id, hall.Id))!;
        Assert.Equal(Local(2026, 3, 6, 16, 30), detail.Row.PausedSinceUtc);
        Assert.False(detail.Row.IsOverdue(app.Get<HallBoard.Hosting.HallTime>().UtcNow));

        app.MoveTo(2026, 3, 9, 10);
        await commands.ResumeAsync(created.Id, null, eng);

        // 90 min were left at 16:30 on Friday: due Monday 11:30.
        var resumed = await TicketAsync(app, created.Id);
        Assert.Null(resumed.PausedSinceUtc);
        Assert.Equal(Local(2026, 3, 9, 11, 30), resumed.ResolveDueUtc);
        var timeline = (await app.Get<TicketQueries>().GetAsync(created.Id, hall.Id))!.Timeline;
        Assert.Equal(["等待纳税人", "恢复处理"], timeline.TakeLast(2).Select(e => Labels.Of(e.Kind)));
        Assert.Equal("解决时限顺延至 03-09 11:30", timeline[^1].Note);
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == created.Number).Select(a => a.Action).ToListAsync());
        Assert.Contains("等待纳税人", audited);
        Assert.Contains("恢复处理", audited);
    }

    [Fact]
    public async Task Alerts_warn_at_three_quarters_and_breach_at_the_target_on_business_time_only()
    {
        using var app = new SlaHall(2026, 3, 3, 9);
        var (hall, eng) = (await app.DemoHallAsync(), await app.EngineerActorAsync(1));
        var commands = app.Get<TicketCommands>();
        var morning = await commands.IntakeAsync(hall.Id, Draft("上午"), eng, takeNow: false);

        app.MoveTo(2026, 3, 3, 9, 7);
        Assert.DoesNotContain(await AlertsAsync(app, hall.Id), a => a.TicketNumber == morning.Number);
        app.MoveTo(2026, 3, 3, 9, 8);
        var near = Assert.Single(await AlertsAsync(app, hall.Id), a => a.TicketNumber == morning.Number);
        Assert.Equal((AlertKinds.SlaWarning, $"sla:response-near:{morning.Number}"), (near.Kind, near.AlertId));
        Assert.Contains("即将超过响应时限", near.Message);
        app.MoveTo(2026, 3, 3, 9, 11);
        var breach = Assert.Single(await AlertsAsync(app, hall.Id), a => a.TicketNumber == morning.Number);
        Assert.Equal((AlertKinds.SlaBreach, AlertKinds.Critical), (breach.Kind, breach.Severity));
        await commands.TakeAsync(morning.Id, null, eng.EngineerId!.Value, eng);

        // Logged five minutes before closing: the response is due at 09:05 next morning, so the night raises nothing.
        app.MoveTo(2026, 3, 3, 17, 25);
        var evening = await commands.IntakeAsync(hall.Id, Draft("傍晚"), eng, takeNow: false);
        Assert.Equal(Local(2026, 3, 4, 9, 5), (await TicketAsync(app, evening.Id)).ResponseDueUtc);
        app.MoveTo(2026, 3, 4, 8, 59);
        Assert.DoesNotContain(await AlertsAsync(app, hall.Id), a => a.TicketNumber == evening.Number);
        // 7.5 of 10 minutes used at 09:02:30.
        app.Time.Advance(TimeSpan.FromMinutes(3.5));
        Assert.Equal(AlertKinds.SlaWarning, Assert.Single(await AlertsAsync(app, hall.Id), a => a.TicketNumber == evening.Number).Kind);
    }

    [Fact]
    public async Task An_admins_new_holiday_and_longer_friday_hours_apply_to_the_next_ticket_and_are_audited()
    {
        using var app = new SlaHall(2027, 4, 30, 17);
        var (hall, eng) = (await app.DemoHallAsync(), await app.EngineerActorAsync(1));
        var admin = HallAppFactory.As(Roles.Admin, "admin-id", "系统管理员", null);
        var commands = app.Get<TicketCommands>();
        var editor = app.Get<SlaCalendarEditor>();

        // No 2027 schedule yet: Fri 30 April 17:00 + 120 min is due Monday 3 May 10:30.
        var before = await commands.IntakeAsync(hall.Id, Draft("录入前"), eng, takeNow: false);
        Assert.Equal(Local(2027, 5, 3, 10, 30), (await TicketAsync(app, before.Id)).ResolveDueUtc);

        await editor.AddHolidayAsync(2027, "劳动节", "2027-05-01", "2027-05-05", admin);
        var after = await commands.IntakeAsync(hall.Id, Draft("录入后"), eng, takeNow: false);
        Assert.Equal(Local(2027, 5, 6, 10, 30), (await TicketAsync(app, after.Id)).ResolveDueUtc);

        var week = await editor.OpeningHoursAsync(hall.Id);
        week[OpeningDay.Friday] = "09:00-12:00 13:30-18:00";
        await editor.SetOpeningHoursAsync(hall.Id, week, admin);
        var longer = await commands.IntakeAsync(hall.Id, Draft("延时"), eng, takeNow: false);
        Assert.Equal(Local(2027, 5, 6, 10), (await TicketAsync(app, longer.Id)).ResolveDueUtc);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == "admin-id")
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.After }).ToListAsync());
        Assert.Equal(["新增节假日", "修改营业时间"], audit.Select(a => a.Action));
        Assert.Equal("2027 年 劳动节 2027-05-01 至 2027-05-05", audit[0].After);
        Assert.Contains("周五=09:00-12:00 13:30-18:00", audit[1].After);
        Assert.Contains("周六=休息", audit[1].After);
    }

    private static Task<Ticket> TicketAsync(SlaHall app, int id) => app.WithDbAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id));

    private static async Task<IReadOnlyList<string>> OverdueAsync(SlaHall app, int hallId) =>
        (await app.Get<TicketQueries>().ListAsync(new TicketFilter { HallId = hallId, View = QueueView.Overdue })).Rows.Select(r => r.Number).ToList();

    private static async Task<IReadOnlyList<HallBoard.Live.HallAlert>> AlertsAsync(SlaHall app, int hallId) =>
        await app.Get<HallAlerts>().EvaluateAsync((await app.Get<WallQueries>().SituationAsync(hallId))!);
}
