using HallBoard.Data;
using HallBoard.Domain;

namespace HallBoard.Features.Tickets;

/// <summary>
/// One committed ticket command, as the features that follow tickets need it. Raised once per command, after its
/// transaction committed. <paramref name="StatusBefore"/> is null for an intake; <paramref name="CommittedUtc"/> is
/// the time the change went out (hub clients measure commit → receipt from it). The taxpayer's name is unmasked:
/// anything that leaves the process masks it (<c>TicketFacts</c>).
/// </summary>
public sealed record TicketChanged(
    int HallId,
    int TicketId,
    string Number,
    string Action,
    TicketStatus? StatusBefore,
    TicketStatus Status,
    int? AssigneeBefore,
    int? Assignee,
    string? AssigneeName,
    SatisfactionLevel? RatingBefore,
    SatisfactionLevel? Rating,
    Category Category,
    Priority Priority,
    string? TaxpayerName,
    DateTime CreatedUtc,
    DateTime ResponseDueUtc,
    DateTime? TakenUtc,
    Actor Actor,
    DateTime CommittedUtc)
{
    /// <summary>The command gave the ticket its first rating.</summary>
    public bool NewlyRated => RatingBefore is null && Rating is not null;
}

/// <summary>A feature that follows committed ticket changes (live notices, figures, lead notices). Called once per
/// command after the commit; what it does cannot undo the change, so a failure is logged and the others still run.</summary>
public interface ITicketChangeSubscriber
{
    Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct);
}

/// <summary>
/// A feature whose own rows must commit with the ticket (an engineer's status, an after-hours page's audit entry).
/// Called inside the command's unit of work, after the ticket moved and before its one <c>SaveChanges</c>; it adds to
/// <see cref="TicketSave.Db"/> and may throw to refuse the command (nothing is saved). What it wants announced once
/// the transaction committed it hands to <see cref="TicketSave.AfterCommit"/>.
/// </summary>
public interface ITicketSaveParticipant
{
    Task BeforeSaveAsync(TicketSave save, CancellationToken ct);
}

/// <summary>One ticket command's unit of work as the participants see it. A fresh one for every attempt.</summary>
public sealed class TicketSave(HallDbContext db, Ticket ticket, TicketStatus? statusBefore, int? assigneeBefore, Actor actor, DateTime nowUtc)
{
    private readonly List<Func<Task>> _afterCommit = [];

    public HallDbContext Db { get; } = db;
    public Ticket Ticket { get; } = ticket;

    /// <summary>Null for an intake.</summary>
    public TicketStatus? StatusBefore { get; } = statusBefore;

    public int? AssigneeBefore { get; } = assigneeBefore;
    public Actor Actor { get; } = actor;
    public DateTime NowUtc { get; } = nowUtc;
    public bool IsIntake => StatusBefore is null;

    /// <summary>Announces what the participant saved, after the commit and before the ticket's change event, so a screen
    /// that hears of the ticket already knows, e.g., who is serving it.</summary>
    public void AfterCommit(Func<Task> announce) => _afterCommit.Add(announce);

    internal IReadOnlyList<Func<Task>> Announcements => _afterCommit;
}

/// <summary>
/// How a ticket command reaches the features that follow it without naming them: the participants inside its unit
/// of work, then, once committed, their announcements and one <see cref="TicketChanged"/> to every subscriber, in
/// registration order. Nothing after the commit fails the command.
/// </summary>
public sealed class TicketChangePublisher(
    IEnumerable<ITicketSaveParticipant> participants,
    IEnumerable<ITicketChangeSubscriber> subscribers,
    ILogger<TicketChangePublisher> logger)
{
    private readonly ITicketSaveParticipant[] _participants = participants.ToArray();
    private readonly ITicketChangeSubscriber[] _subscribers = subscribers.ToArray();

    public async Task BeforeSaveAsync(TicketSave save, CancellationToken ct)
    {
        foreach (var participant in _participants)
            await participant.BeforeSaveAsync(save, ct);
    }

    public async Task AfterCommitAsync(TicketSave save, TicketChanged change)
    {
        // The command's token is not passed on: the change is committed, and its followers should hear of it even if
        // the caller stopped waiting.
        foreach (var announce in save.Announcements)
        {
            try { await announce(); }
            catch (Exception ex) { logger.LogError(ex, "An announcement after ticket {Number} ({Action}) failed", change.Number, change.Action); }
        }
        foreach (var subscriber in _subscribers)
        {
            try { await subscriber.OnTicketChangedAsync(change, CancellationToken.None); }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Subscriber} failed on ticket {Number} ({Action})", subscriber.GetType().Name, change.Number, change.Action);
            }
        }
    }
}
