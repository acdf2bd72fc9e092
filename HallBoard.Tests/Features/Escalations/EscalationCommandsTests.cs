using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Escalations;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Escalations;

/// <summary>Raising and answering escalations on SQLite, each test in a hall of its own, on a clock the test moves.</summary>
public sealed class EscalationCommandsTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private EscalationCommands Commands => app.Get<EscalationCommands>();
    private EscalationQueries Queries => app.Get<EscalationQueries>();
    private DateTime Now => app.Get<HallTime>().UtcNow;

    private EscalationRequest Request(string? reason = "纳税人电子税务局申报提交失败，需主管部门核查", int hours = 4) =>
        new(EscalationTarget.OpsAuthority, "运维科 李科长", reason, Now.AddHours(hours));

    [Fact]
    public async Task Escalating_saves_the_escalation_its_timeline_event_and_audit_entries_together()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);

        var done = await Commands.RaiseAsync(ticket.Id, ticket.Version, Request(), hall.Engineer(1));

        Assert.Equal(ticket.Version + 1, done.Version);
        var open = Assert.Single(await Queries.OpenAsync(hall.Id));
        Assert.Equal(ticket.Number, open.Escalation.TicketNumber);
        Assert.Equal("运维科 李科长", open.Escalation.Recipient);
        var (events, audit) = await TraceAsync(ticket);
        var escalated = Assert.Single(events, e => e.Kind == TicketEventKind.Escalated);
        Assert.Contains("升级至主管税务机关运维部门（运维科 李科长）", escalated.Note);
        Assert.Contains("纳税人电子税务局申报提交失败", escalated.Note);
        Assert.Contains(audit, a => a.Action == "升级" && a.EntityType == nameof(Escalation) && a.After!.Contains("运维科 李科长"));
        Assert.Contains(audit, a => a.Action == "升级工单");
        Assert.NotNull(await app.Get<EscalationMarks>().DueOfAsync(ticket.Id));
    }

    [Fact]
    public async Task A_second_escalation_while_one_is_open_markup_or_another_hall_are_refused_and_nothing_is_saved()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);
        await Commands.RaiseAsync(ticket.Id, null, Request(), hall.Engineer(1));
        var (eventsBefore, auditBefore) = await TraceAsync(ticket);

        var second = await Assert.ThrowsAsync<EscalationRuleException>(() => Commands.RaiseAsync(ticket.Id, null, Request(), hall.Engineer(1)));
        Assert.Equal("该工单已有未答复的升级，请等答复后再升级。", second.Message);
        var markup = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.RaiseAsync(ticket.Id, null, Request("<script>alert(1)</script>"), hall.Engineer(1)));
        Assert.Equal("升级原因不能包含 HTML 标记或脚本。", markup.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.RaiseAsync(ticket.Id, null, Request(), other.Engineer(1)));

        var (events, audit) = await TraceAsync(ticket);
        Assert.Equal(eventsBefore.Count, events.Count);
        Assert.Equal(auditBefore.Count, audit.Count);
        Assert.Single(await Queries.OpenAsync(hall.Id));
    }

    [Fact]
    public async Task Escalating_a_closed_ticket_is_refused()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);
        var tickets = app.Get<TicketCommands>();
        await tickets.ResolveAsync(ticket.Id, null, "已处理", hall.Engineer(1));
        await tickets.FollowUpAsync(ticket.Id, null, FollowUpOutcome.NotReached, null, hall.Engineer(1));
        await tickets.CloseAsync(ticket.Id, null, CloseReason.Unreachable, "电话无人接听", hall.Engineer(1));

        var ex = await Assert.ThrowsAsync<TicketRuleException>(() => Commands.RaiseAsync(ticket.Id, null, Request(), hall.Engineer(1)));

        Assert.Equal("工单当前状态为“已关闭”，不能升级。", ex.Message);
        Assert.Empty(await Queries.OpenAsync(hall.Id));
    }

    [Fact]
    public async Task Answering_closes_the_escalation_on_the_timeline_and_a_second_answer_is_refused()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);
        await Commands.RaiseAsync(ticket.Id, null, Request(), hall.Engineer(1));
        var escalation = Assert.Single(await Queries.OpenAsync(hall.Id)).Escalation;
        var lead = HallAppFactory.As(Roles.HallLead, "lead-test", "刘主任", hall.Id);

        await Commands.AnswerAsync(escalation.Id, "省局已修复申报接口", lead);
        var again = await Assert.ThrowsAsync<EscalationRuleException>(() => Commands.AnswerAsync(escalation.Id, "再答复", lead));

        Assert.Equal("该升级已答复，不能再次答复。", again.Message);
        Assert.Empty(await Queries.OpenAsync(hall.Id));
        var answered = Assert.Single(await Queries.AnsweredAsync(hall.Id)).Escalation;
        Assert.Equal("省局已修复申报接口", answered.Answer);
        var (events, audit) = await TraceAsync(ticket);
        Assert.Contains("主管税务机关运维部门答复：省局已修复申报接口", Assert.Single(events, e => e.Kind == TicketEventKind.EscalationAnswered).Note);
        Assert.Single(audit, a => a.Action == "升级答复" && a.EntityType == nameof(Escalation));
        Assert.Null(await app.Get<EscalationMarks>().DueOfAsync(ticket.Id));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Commands.AnswerAsync(escalation.Id, "别厅答复", HallAppFactory.As(Roles.HallLead, "x", "别厅", hall.Id + 100000)));
    }

    [Fact]
    public async Task An_open_escalation_is_a_wall_alert_that_turns_critical_past_its_deadline_and_goes_when_answered()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五", takenBy: 1);
        await Commands.RaiseAsync(ticket.Id, null, Request(hours: 2), hall.Engineer(1));

        var alert = Assert.Single(await AlertsAsync(hall), a => a.Kind == AlertKinds.OpenEscalation);
        Assert.Equal(EscalationAlertSource.AlertId(ticket.Number), alert.AlertId);
        Assert.Equal(AlertKinds.Warning, alert.Severity);
        Assert.DoesNotContain("王五", alert.Message);

        app.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var late = Assert.Single(await AlertsAsync(hall), a => a.Kind == AlertKinds.OpenEscalation);
        Assert.Equal(AlertKinds.Critical, late.Severity);
        Assert.Contains("已超过答复期限", late.Message);
        Assert.True(Assert.Single(await Queries.OpenAsync(hall.Id)).Escalation.IsOverdue(Now));

        await Commands.AnswerAsync(Assert.Single(await Queries.OpenAsync(hall.Id)).Escalation.Id, "已处理", HallAppFactory.As(Roles.HallLead, "lead", "刘主任", hall.Id));
        Assert.DoesNotContain(await AlertsAsync(hall), a => a.Kind == AlertKinds.OpenEscalation);
    }

    private async Task<IReadOnlyList<HallBoard.Live.HallAlert>> AlertsAsync(TestHall hall) =>
        (await app.Get<WallQueries>().SnapshotAsync(hall.Id))!.Alerts;

    private Task<(List<TicketEvent> Events, List<HallBoard.Data.AuditEntry> Audit)> TraceAsync(TicketRef ticket) => app.WithDbAsync(async db =>
    {
        var events = await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticket.Id).ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == ticket.Number).ToListAsync();
        return (events, audit);
    });
}
