using HallBoard.Features.Tickets;
using HallBoard.Live;

namespace HallBoard.Features.Wall;

/// <summary>Tells every screen and hub client of the hall about a committed ticket change (queues, detail pages, the
/// wall, the dashboard's refresh), with the ticket's masked facts; its atUtc is the commit time.</summary>
public sealed class TicketChangeNotices(HallNotifier notifier) : ITicketChangeSubscriber
{
    public Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct)
    {
        var facts = new TicketFacts(change.Category, change.Priority, change.TaxpayerName, change.AssigneeName,
            change.CreatedUtc, change.ResponseDueUtc, change.TakenUtc);
        return notifier.PublishAsync(new HallChange(HallChangeKind.TicketChanged, change.HallId, change.TicketId, change.Number,
            change.Status.ToString(), Ticket: facts, AtUtc: change.CommittedUtc));
    }
}

/// <summary>Today's figures follow ticket changes on their own, at most once a second per hall.</summary>
public sealed class FiguresFollowTickets(HallFiguresPublisher figures) : ITicketChangeSubscriber
{
    public Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct)
    {
        figures.Request(change.HallId);
        return Task.CompletedTask;
    }
}
