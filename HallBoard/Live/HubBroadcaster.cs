using HallBoard.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace HallBoard.Live;

/// <summary>Sends each change to the hub clients that joined its hall, as the typed event of the contract.</summary>
public sealed class HubBroadcaster(IHubContext<HallHub, IHallClient> hub, HallDirectory halls, HallTime time, ILogger<HubBroadcaster> logger)
{
    public async Task BroadcastAsync(HallChange change)
    {
        if (change.Kind == HallChangeKind.LeadNotice) return; // the lead's own screens only, not the hub's clients
        try
        {
            if (await halls.ByIdAsync(change.HallId) is not { } hall)
            {
                logger.LogWarning("Change {Change} names a hall this instance does not know", change);
                return;
            }
            var clients = hub.Clients.Group(HallHub.GroupOf(hall.Code));
            var at = change.AtUtc ?? time.UtcNow;
            var sent = change.Kind switch
            {
                HallChangeKind.TicketChanged => HallEvents.Ticket(change, hall.Code, at) is { } e ? clients.TicketChanged(e) : null,
                HallChangeKind.EngineerStatusChanged => HallEvents.Engineer(change, hall.Code, at) is { } e ? clients.EngineerStatusChanged(e) : null,
                HallChangeKind.FiguresChanged => HallEvents.Figures(change, hall.Code, at) is { } e ? clients.FiguresChanged(e) : null,
                HallChangeKind.AlertRaised => HallEvents.Alert(change, hall.Code, at) is { } e ? clients.AlertRaised(e) : null,
                HallChangeKind.AlertCleared => HallEvents.Alert(change, hall.Code, at) is { } e ? clients.AlertCleared(e) : null,
                _ => null,
            };
            if (sent is null) logger.LogWarning("Change {Change} lacks what its event needs; not sent to hub clients", change);
            else await sent;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Sending change {Change} to hub clients failed", change);
        }
    }
}
