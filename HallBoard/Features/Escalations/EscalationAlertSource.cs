using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Wall;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Escalations;

/// <summary>Every open escalation of a hall is an alert on its wall ("escalation:{ticket number}"); one past its answer
/// deadline is critical. The message names the ticket and the target only, never the taxpayer.</summary>
public sealed class EscalationAlertSource(IDbContextFactory<HallDbContext> dbFactory) : IHallAlertSource
{
    public async ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Escalations.AsNoTracking()
            .Where(e => e.HallId == situation.Hall.Id && e.AnsweredUtc == null)
            .OrderBy(e => e.RaisedUtc)
            .Select(e => new { e.TicketNumber, e.Target, e.RaisedUtc, e.DueUtc })
            .ToListAsync(ct);
        return open.Select(e =>
        {
            var overdue = situation.NowUtc > e.DueUtc;
            return new HallAlert(AlertId(e.TicketNumber), AlertKinds.OpenEscalation,
                overdue ? AlertKinds.Critical : AlertKinds.Warning,
                $"{e.TicketNumber} 已升级至{Labels.Of(e.Target)}" + (overdue ? "，已超过答复期限" : "，等待答复"),
                e.TicketNumber, e.RaisedUtc);
        }).ToList();
    }

    public static string AlertId(string ticketNumber) => $"escalation:{ticketNumber}";
}
