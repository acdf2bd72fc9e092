using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Incidents;

/// <summary>Every change to a major incident: one context, one transaction with its timeline, the linked tickets'
/// timeline events and an audit entry; declaring and closing then publish the incident's alert (raised / cleared), which
/// is what puts the banner on every wall screen of the hall and takes it off.</summary>
public sealed class IncidentCommands(IDbContextFactory<HallDbContext> dbFactory, HallTime time, HallNotifier notifier)
{
    public const int MaxTicketsAtDeclaration = 50;

    public async Task<int> DeclareAsync(IncidentDraft draft, IReadOnlyCollection<string> ticketNumbers, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.IncidentDeclarers);
        var hallId = actor.HallScope ?? throw ValidationFailedException.For("hall", "您的账号不属于任何办税服务厅，不能宣布重大事件。");
        var numbers = ticketNumbers.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        if (numbers.Count > MaxTicketsAtDeclaration)
            throw ValidationFailedException.For("tickets", $"一次最多关联 {MaxTicketsAtDeclaration} 张工单。");
        var now = time.UtcNow;
        var incident = MajorIncident.Declare(hallId, draft, actor, now);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Writing the hall's row first takes the write lock (SQLite) or the row lock (PostgreSQL), so two declarations
        // for one channel cannot both pass the check below.
        await db.Halls.Where(h => h.Id == hallId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Code, h => h.Code), ct);
        var open = await db.MajorIncidents.AsNoTracking()
            .Where(i => i.HallId == hallId && i.Status == IncidentStatus.Open).ToListAsync(ct);
        if (open.FirstOrDefault(i => i.CoversAnyOf(incident.Channels)) is { } clash)
        {
            var shared = string.Join("、", clash.Channels.Intersect(incident.Channels).Select(Labels.Of));
            throw new IncidentRuleException($"本厅已有未关闭的重大事件“{clash.Title}”涉及{shared}，请在该事件中记录，不要重复宣布。");
        }
        foreach (var number in numbers)
            await LinkAsync(db, incident, number, actor, now, ct);
        db.MajorIncidents.Add(incident);
        db.Audit(actor, now, "宣布重大事件", nameof(MajorIncident), incident.Title, null, Describe(incident), hallId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await notifier.PublishAsync(HallChange.AlertRaised(hallId, IncidentAlertSource.Of(incident)));
        return incident.Id;
    }

    public Task LinkTicketAsync(int incidentId, string? ticketNumber, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, IncidentMove.LinkTicket, "关联工单到重大事件", (db, i, now) =>
        {
            var number = ticketNumber?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(number)) throw ValidationFailedException.For("ticket", "请填写工单编号。");
            return LinkAsync(db, i, number, actor, now, ct);
        }, ct);

    public Task AddActionAsync(int incidentId, string? text, DateTime atUtc, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, IncidentMove.AddAction, "记录重大事件处置", (_, i, now) => Done(() => i.AddAction(text, atUtc, actor, now)), ct);

    public Task RecordReportAsync(int incidentId, string? to, DateTime atUtc, string? note, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, IncidentMove.RecordReport, "记录重大事件上报", (_, i, now) => Done(() => i.RecordReport(to, atUtc, note, actor, now)), ct);

    public async Task CloseAsync(int incidentId, DateTime endUtc, string? cause, string? measures, Actor actor, CancellationToken ct = default)
    {
        var closed = await ChangeAsync(incidentId, actor, IncidentMove.Close, "关闭重大事件",
            (_, i, now) => Done(() => i.Close(endUtc, cause, measures, actor, now)), ct);
        await notifier.PublishAsync(HallChange.AlertCleared(closed.HallId, IncidentAlertSource.Of(closed)));
    }

    /// <summary>结案: refused until the incident's written improvement plan exists.</summary>
    public Task CloseFinallyAsync(int incidentId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, IncidentMove.CloseFinally, "重大事件结案", async (db, i, now) =>
            i.CloseFinally(await db.ImprovementPlans.AnyAsync(p => p.IncidentId == i.Id, ct), actor, now), ct);

    /// <summary>The role is checked before anything is read (<see cref="MajorIncident.MayTake"/>); the move itself checks
    /// the rest of <see cref="MajorIncident.RefusalOf"/>.</summary>
    private async Task<MajorIncident> ChangeAsync(int incidentId, Actor actor, IncidentMove move, string action,
        Func<HallDbContext, MajorIncident, DateTime, Task> change, CancellationToken ct)
    {
        if (!MajorIncident.MayTake(move, actor)) throw new ForbiddenException(Actor.NoRightMessage);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.MajorIncidents.Include(i => i.Tickets).FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        if (incident is null || !actor.CanSee(incident.HallId))
            throw new NotFoundException("重大事件不存在。");
        var now = time.UtcNow;
        var before = Describe(incident);
        await change(db, incident, now);
        db.Audit(actor, now, action, nameof(MajorIncident), incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before, Describe(incident), incident.HallId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new IncidentRuleException("该重大事件已被他人修改，请刷新后再试。"));
        }
        return incident;
    }

    /// <summary>Links a ticket by its number: it must exist and belong to the incident's hall; its timeline says so.</summary>
    private static async Task LinkAsync(HallDbContext db, MajorIncident incident, string number, Actor actor, DateTime now, CancellationToken ct)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, ct)
                     ?? throw ValidationFailedException.For("tickets", $"工单 {number} 不存在。");
        incident.LinkTicket(ticket.Id, ticket.Number, ticket.HallId, actor, now);
        ticket.Note(TicketEventKind.LinkedToIncident, $"关联重大事件：{incident.Title}", actor, now);
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private string Describe(MajorIncident i) =>
        $"状态={i.StateLabel}; 名称={i.Title}; 渠道={string.Join("、", i.Channels.Select(Labels.Of))}; " +
        $"开始={time.Format(i.StartUtc)}; 结束={time.Format(i.EndUtc)}; 关联工单={i.Tickets.Count}; 版本={i.Version}";
}
