using HallBoard.Domain;
using HallBoard.Features.Sla;
using HallBoard.Features.Tickets;

namespace HallBoard.Features.Staffing;

/// <summary>An intake of a 12366 call while the hall is closed: the after-hours target and the page's audit entry
/// commit with the ticket, the on-call engineer is paged once it is committed. A call taken at once needs no page:
/// someone is already answering it.</summary>
public sealed class AfterHoursIntake(AfterHoursHotline hotline, SlaCalendars calendars) : ITicketSaveParticipant
{
    public async Task BeforeSaveAsync(TicketSave save, CancellationToken ct)
    {
        var ticket = save.Ticket;
        if (!save.IsIntake || ticket.Status != TicketStatus.Waiting || ticket.Channel != Channel.Hotline12366) return;
        if (!hotline.Applies(ticket.Channel, await calendars.ClockAsync(ticket.HallId, ct), save.NowUtc)) return;
        if (await hotline.PrepareAsync(save.Db, ticket, save.Actor, save.NowUtc, ct) is int onCall)
            save.AfterCommit(() => hotline.PageAsync(onCall, ticket));
    }
}
