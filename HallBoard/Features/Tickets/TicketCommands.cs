using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Sla;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Tickets;

public sealed record TicketRef(int Id, string Number, int Version, TicketStatus Status);

/// <summary>Every change to a ticket: one context, one transaction with its timeline, audit entry and what the
/// participating features save with it, then one <see cref="TicketChanged"/> (see <see cref="TicketChangePublisher"/>).</summary>
public sealed class TicketCommands(
    IDbContextFactory<HallDbContext> dbFactory,
    HallTime time,
    IOptions<SlaOptions> sla,
    SlaCalendars calendars,
    TicketChangePublisher changes)
{
    private const int NumberAttempts = 5;

    public async Task<TicketRef> IntakeAsync(int hallId, TicketDraft draft, Actor actor, bool takeNow, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.TicketWriters);
        actor.RequireHall(hallId);
        var valid = draft.Validated(time.Today);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hallId, ct)
                       ?? throw ValidationFailedException.For("hall", "办税服务厅不存在。");
            await Features.Guidance.GuidanceItems.RequireInHallAsync(db, valid.GuidanceItemId, hall.Id, ct);
            var clock = await calendars.ClockAsync(hall.Id, ct);
            try
            {
                // The counter's row lock (SQLite: the write lock) makes concurrent intakes queue here.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var now = time.UtcNow;
                var number = await NextNumberAsync(db, hall, now, ct);
                var ticket = Ticket.Open(hall.Id, number, valid, sla.Value.For(valid.Priority), clock, actor, now);
                if (takeNow && actor.EngineerId is int engineerId)
                    ticket.Take(await EngineerAsync(db, engineerId, hall.Id, ct), actor, now);
                db.Tickets.Add(ticket);
                db.Audit(actor, now, "工单录入", nameof(Ticket), number, null, Snapshot(ticket), hall.Id);
                var save = new TicketSave(db, ticket, null, null, actor, now);
                await changes.BeforeSaveAsync(save, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await changes.AfterCommitAsync(save, Changed(ticket, "工单录入", save, null, actor));
                return Ref(ticket);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Two intakes opened the same day's counter at once; the loser draws again.
            }
            catch (DbUpdateException)
            {
                throw new BusyException();
            }
        }
    }

    public Task<TicketRef> TakeAsync(int ticketId, int? expectedVersion, int engineerId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "受理工单", async (db, t, now) =>
            t.Take(await EngineerAsync(db, engineerId, t.HallId, ct), actor, now), ct);

    public Task<TicketRef> HandOverAsync(int ticketId, int? expectedVersion, int toEngineerId, string reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "转交工单", async (db, t, now) =>
            t.HandOver(await EngineerAsync(db, toEngineerId, t.HallId, ct), reason, actor, now), ct);

    public Task<TicketRef> ResolveAsync(int ticketId, int? expectedVersion, string resolution, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "解决工单", (_, t, now) => Done(() => t.Resolve(resolution, actor, now)), ct);

    public Task<TicketRef> ReopenAsync(int ticketId, int? expectedVersion, string reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "重新打开工单", async (_, t, now) =>
            t.Reopen(reason, actor, now, await calendars.ClockAsync(t.HallId, ct)), ct);

    public Task<TicketRef> FollowUpAsync(int ticketId, int? expectedVersion, FollowUpOutcome outcome, string? note, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "回访", async (_, t, now) =>
            t.FollowUp(outcome, note, actor, now, await calendars.ClockAsync(t.HallId, ct)), ct);

    public Task<TicketRef> RateAsync(int ticketId, int? expectedVersion, SatisfactionLevel level, string? comment, RatingSource source, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "满意度评价", (_, t, now) => Done(() => t.Rate(level, comment, source, actor, now)), ct);

    public Task<TicketRef> CloseAsync(int ticketId, int? expectedVersion, CloseReason reason, string? note, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "关闭工单", (_, t, now) => Done(() => t.Close(reason, note, actor, now)), ct);

    /// <summary>等待纳税人: the SLA clock stops until <see cref="ResumeAsync"/>.</summary>
    public Task<TicketRef> WaitOnTaxpayerAsync(int ticketId, int? expectedVersion, string reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "等待纳税人", (_, t, now) => Done(() => t.WaitOnTaxpayer(reason, actor, now)), ct);

    /// <summary>恢复处理: the resolve due time moves on by the business time the pause took.</summary>
    public Task<TicketRef> ResumeAsync(int ticketId, int? expectedVersion, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(ticketId, expectedVersion, actor, "恢复处理", async (_, t, now) =>
            t.Resume(actor, now, await calendars.ClockAsync(t.HallId, ct)), ct);

    private Task<TicketRef> ChangeAsync(int ticketId, int? expectedVersion, Actor actor, string action,
        Func<HallDbContext, Ticket, DateTime, Task> change, CancellationToken ct)
    {
        actor.RequireRole(Policies.TicketWriters);
        return ChangeWithinAsync(ticketId, expectedVersion, actor, action, change, ct);
    }

    /// <summary>Runs a ticket change inside a caller's context, for commands that change more than the ticket; the caller
    /// has checked the actor's role (a taxpayer's rating link, feedback), the hall is checked here.</summary>
    internal async Task<TicketRef> ChangeWithinAsync(int ticketId, int? expectedVersion, Actor actor, string action,
        Func<HallDbContext, Ticket, DateTime, Task> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await ChangeOnceAsync(ticketId, expectedVersion, actor, action, change, ct); }
            catch (DbUpdateConcurrencyException error) when (IsFollowUpRace(error))
            {
                // Only what follows the ticket (an engineer's status, moved by the presence sweep or a tap) changed
                // meanwhile; the ticket did not, so the command is taken again on fresh data.
                if (attempt == FollowUpAttempts) throw new ConcurrencyConflictException();
            }
        }
    }

    private const int FollowUpAttempts = 3;

    private async Task<TicketRef> ChangeOnceAsync(int ticketId, int? expectedVersion, Actor actor, string action,
        Func<HallDbContext, Ticket, DateTime, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadAsync(db, ticketId, actor, ct);
        if (expectedVersion is int expected && ticket.Version != expected)
            throw new ConcurrencyConflictException();
        var now = time.UtcNow;
        var before = Snapshot(ticket);
        var ratingBefore = ticket.Satisfaction?.Level;
        var save = new TicketSave(db, ticket, ticket.Status, ticket.AssigneeId, actor, now);
        await change(db, ticket, now);
        db.Audit(actor, now, action, nameof(Ticket), ticket.Number, before, Snapshot(ticket), ticket.HallId);
        await changes.BeforeSaveAsync(save, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error) && !IsFollowUpRace(error))
        {
            // A version check lost a race (conflict), or a unique rule did: one rating per ticket.
            throw DbFailures.Translate(error, () => new ConcurrencyConflictException(), "该工单已有评价或记录与已有数据重复，请刷新后再试。");
        }
        await changes.AfterCommitAsync(save, Changed(ticket, action, save, ratingBefore, actor));
        return Ref(ticket);
    }

    private static bool IsFollowUpRace(DbUpdateException error) =>
        error is DbUpdateConcurrencyException conflict && conflict.Entries.All(e => e.Entity is not Ticket);

    internal static async Task<Ticket> LoadAsync(HallDbContext db, int ticketId, Actor actor, CancellationToken ct)
    {
        var ticket = await db.Tickets
            .Include(t => t.Assignee)
            .Include(t => t.Satisfaction)
            .FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        // A ticket of another hall is reported as missing, not as forbidden, so numbers do not leak.
        _ = actor.HallScope;
        if (ticket is null || !actor.CanSee(ticket.HallId))
            throw new NotFoundException("工单不存在。");
        return ticket;
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private async Task<string> NextNumberAsync(HallDbContext db, Hall hall, DateTime nowUtc, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(time.ToLocal(nowUtc));
        var bumped = await db.TicketCounters.Where(c => c.HallId == hall.Id && c.Day == day)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        if (bumped == 0)
        {
            db.TicketCounters.Add(new TicketCounter { HallId = hall.Id, Day = day, Last = 1 });
            await db.SaveChangesAsync(ct);
        }
        var last = await db.TicketCounters.Where(c => c.HallId == hall.Id && c.Day == day).Select(c => c.Last).FirstAsync(ct);
        return $"{hall.Code}-{day:yyyyMMdd}-{last:0000}";
    }

    private static async Task<Engineer> EngineerAsync(HallDbContext db, int engineerId, int hallId, CancellationToken ct)
    {
        var engineer = await db.Engineers.FirstOrDefaultAsync(e => e.Id == engineerId, ct);
        if (engineer is null || !engineer.IsActive || engineer.HallId != hallId)
            throw ValidationFailedException.For("engineerId", "工程师不存在或不属于本厅。");
        return engineer;
    }

    /// <summary>Built right after the commit, before any announcement goes out: its time is the notices' atUtc, from
    /// which hub clients measure commit → receipt.</summary>
    private TicketChanged Changed(Ticket t, string action, TicketSave save, SatisfactionLevel? ratingBefore, Actor actor) =>
        new(t.HallId, t.Id, t.Number, action, save.StatusBefore, t.Status, save.AssigneeBefore, t.AssigneeId, t.Assignee?.Name,
            ratingBefore, t.Satisfaction?.Level, t.Category, t.Priority, t.TaxpayerName, t.CreatedUtc, t.ResponseDueUtc,
            t.TakenUtc, actor, time.UtcNow);

    private static TicketRef Ref(Ticket t) => new(t.Id, t.Number, t.Version, t.Status);

    private static string Snapshot(Ticket t) =>
        $"状态={Labels.Of(t.Status)}; 负责人={t.Assignee?.Name ?? "—"}; 评价={(t.Satisfaction is { } s ? Labels.Of(s.Level) : "—")}; 版本={t.Version}";
}
