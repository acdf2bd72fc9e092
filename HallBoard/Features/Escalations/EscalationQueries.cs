using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Escalations;

/// <summary>An escalation as the lead's list shows it, with the ticket's state beside it.</summary>
public sealed record EscalationRow(Escalation Escalation, string HallName, TicketStatus TicketStatus, Category Category);

public sealed class EscalationQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    /// <summary>Open escalations, oldest first; of one hall, or of all halls for a user without one.</summary>
    public Task<IReadOnlyList<EscalationRow>> OpenAsync(int? hallId, CancellationToken ct = default) =>
        RowsAsync(hallId is int h ? [h] : null, null, open: true, take: 500, ct);

    /// <summary>The latest answered escalations, newest first.</summary>
    public Task<IReadOnlyList<EscalationRow>> AnsweredAsync(int? hallId, int take = 20, CancellationToken ct = default) =>
        RowsAsync(hallId is int h ? [h] : null, null, open: false, take, ct);

    /// <summary>The open escalations an actor answers: of its halls (all for Admin); a Bureau account sees those addressed
    /// to the bureau's ops authority.</summary>
    public Task<IReadOnlyList<EscalationRow>> OpenForAsync(Actor actor, CancellationToken ct = default) =>
        RowsAsync(actor.VisibleHalls(), BureauOnly(actor), open: true, take: 500, ct);

    public Task<IReadOnlyList<EscalationRow>> AnsweredForAsync(Actor actor, int take = 20, CancellationToken ct = default) =>
        RowsAsync(actor.VisibleHalls(), BureauOnly(actor), open: false, take, ct);

    private static EscalationTarget? BureauOnly(Actor actor) =>
        Escalation.MayAnswerAny(actor) ? null : EscalationTarget.OpsAuthority;

    public async Task<IReadOnlyList<Escalation>> OfTicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Escalations.AsNoTracking().Where(e => e.TicketId == ticketId).OrderByDescending(e => e.RaisedUtc).ToListAsync(ct);
    }

    private async Task<IReadOnlyList<EscalationRow>> RowsAsync(IReadOnlyCollection<int>? halls, EscalationTarget? target, bool open, int take,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Escalations.AsNoTracking().Where(e => open ? e.AnsweredUtc == null : e.AnsweredUtc != null);
        if (halls is not null) q = q.Where(e => halls.Contains(e.HallId));
        if (target is { } only) q = q.Where(e => e.Target == only);
        q = open ? q.OrderBy(e => e.RaisedUtc) : q.OrderByDescending(e => e.AnsweredUtc);
        return await (from e in q.Take(take)
                      join t in db.Tickets on e.TicketId equals t.Id
                      join h in db.Halls on e.HallId equals h.Id
                      select new EscalationRow(e, h.Name, t.Status, t.Category)).ToListAsync(ct);
    }
}
