using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;

namespace HallBoard.Features.Feedback;

/// <summary>A ticket's first rating of 不满意 or 非常不满意 pops up on the hall lead's bell: it owes a call-back.</summary>
public sealed class BadRatingNotices(HallNotifier notifier) : ITicketChangeSubscriber
{
    public Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct) =>
        change.NewlyRated && change.Rating is { } level && Ticket.IsBadRating(level)
            ? notifier.PublishAsync(LeadNotices.BadRating(change.HallId, change.TicketId, change.Number, level))
            : Task.CompletedTask;
}
