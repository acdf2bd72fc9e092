using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Escalations;

/// <summary>What an engineer asks for when escalating: to whom, why, and by when an answer is wanted.</summary>
public sealed record EscalationRequest(EscalationTarget Target, string? Recipient, string? Reason, DateTime DueUtc);

/// <summary>Raising and answering escalations. Each runs as a ticket change (one context, one transaction): the
/// escalation, its timeline event on the ticket and the audit entries commit together, then the ticket's change notice
/// goes out, so queues, the lead's list and the wall read it again.</summary>
public sealed class EscalationCommands(TicketCommands tickets, IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<TicketRef> RaiseAsync(int ticketId, int? expectedVersion, EscalationRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!Escalation.MayRaise(actor)) throw new ForbiddenException(Actor.NoRightMessage);
        return await tickets.ChangeWithinAsync(ticketId, expectedVersion, actor, "升级工单", async (db, ticket, now) =>
        {
            var escalation = Escalation.Raise(ticket.HallId, ticket.Id, ticket.Number, request.Target, request.Recipient,
                request.Reason, request.DueUtc, actor, now);
            var openOne = await db.Escalations.AnyAsync(e => e.TicketId == ticket.Id && e.AnsweredUtc == null, ct);
            if (Escalation.RaiseRefusal(actor, ticket.Status, openOne) is { } refused) throw refused;
            var to = escalation.Recipient is null ? escalation.TargetLabel : $"{escalation.TargetLabel}（{escalation.Recipient}）";
            ticket.Note(TicketEventKind.Escalated, $"升级至{to}，请于 {time.Format(escalation.DueUtc)} 前答复：{escalation.Reason}", actor, now);
            db.Escalations.Add(escalation);
            db.Audit(actor, now, "升级", nameof(Escalation), ticket.Number, null, Describe(escalation), ticket.HallId);
        }, ct);
    }

    /// <summary>Records the answer of the hall lead or of the bureau's ops authority (a lead typing it in, or a Bureau account
    /// of the hall answering an escalation addressed to the bureau itself).</summary>
    public async Task<TicketRef> AnswerAsync(int escalationId, string? answer, Actor actor, CancellationToken ct = default)
    {
        int ticketId;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await read.Escalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == escalationId, ct);
            _ = actor.HallScope;
            if (found is null || !actor.CanSee(found.HallId))
                throw new NotFoundException("升级记录不存在。");
            if (found.AnswerRefusal(actor) is { } refused) throw refused;
            ticketId = found.TicketId;
        }
        return await tickets.ChangeWithinAsync(ticketId, null, actor, "升级答复", async (db, ticket, now) =>
        {
            var escalation = await db.Escalations.FirstAsync(e => e.Id == escalationId, ct);
            var before = Describe(escalation);
            escalation.AnswerWith(answer, actor, now);
            ticket.Note(TicketEventKind.EscalationAnswered, $"{escalation.TargetLabel}答复：{escalation.Answer}", actor, now);
            db.Audit(actor, now, "升级答复", nameof(Escalation), ticket.Number, before, Describe(escalation), ticket.HallId);
        }, ct);
    }

    private string Describe(Escalation e) =>
        $"对象={e.TargetLabel}; 接收人={e.Recipient ?? "—"}; 期限={time.Format(e.DueUtc)}; 原因={e.Reason}; 答复={e.Answer ?? "—"}";
}
