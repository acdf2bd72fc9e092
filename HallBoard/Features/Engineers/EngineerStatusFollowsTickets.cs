using HallBoard.Features.Tickets;

namespace HallBoard.Features.Engineers;

/// <summary>The statuses a ticket's move implies (taking one makes its engineer 服务中, resolving or handing over the
/// last one frees them), saved in the ticket's transaction and published before the ticket's own notice.</summary>
public sealed class EngineerStatusFollowsTickets(EngineerStatusBook engineers) : ITicketSaveParticipant
{
    public async Task BeforeSaveAsync(TicketSave save, CancellationToken ct)
    {
        var notices = await engineers.FollowTicketAsync(save.Db, save.Ticket, save.StatusBefore, save.AssigneeBefore,
            save.Actor, save.NowUtc, ct);
        if (notices.Count > 0)
            save.AfterCommit(() => engineers.PublishAsync(notices));
    }
}
