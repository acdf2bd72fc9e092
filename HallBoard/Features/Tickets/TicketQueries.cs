using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Tickets;

public enum QueueView { All, Waiting, Mine, Overdue, ToCallBack, Open }

public sealed record TicketFilter
{
    /// <summary>The last page anyone can ask for: 10,000 pages of 200 rows is two million tickets, and
    /// (page - 1) × size stays far from overflowing an int.</summary>
    public const int MaxPage = 10_000;

    public int? HallId { get; init; }
    public QueueView View { get; init; } = QueueView.Open;
    public int? EngineerId { get; init; }
    public TicketStatus? Status { get; init; }
    public Channel? Channel { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record TicketRow(
    int Id, string Number, DateTime CreatedUtc, TicketStatus Status, Channel Channel, Category Category,
    TicketKind Kind, Priority Priority, string TaxpayerName, string? AssigneeName, int? AssigneeId,
    DateTime ResponseDueUtc, DateTime ResolveDueUtc, DateTime? ResolvedUtc, int FollowUpAttempts, int Version,
    string? TaxpayerPhone)
{
    /// <summary>Set while the ticket waits on the taxpayer: its clock stands still and it is not overdue.</summary>
    public DateTime? PausedSinceUtc { get; init; }

    public bool IsOverdue(DateTime nowUtc) => PausedSinceUtc is null &&
        ((Status == TicketStatus.Waiting && nowUtc > ResponseDueUtc) || (Status == TicketStatus.InProgress && nowUtc > ResolveDueUtc));
}

public sealed record TicketPage(IReadOnlyList<TicketRow> Rows, int Total, int Page, int PageSize);

public sealed record TicketDetail(
    TicketRow Row, string HallName, string? TaxpayerId, string? TaxpayerPhone, string Description, string? Resolution,
    SatisfactionLevel? Rating, string? RatingComment, RatingSource? RatingSource, CloseReason? CloseReason, string? CloseNote,
    FollowUpOutcome? LastFollowUp, int ReopenCount, IReadOnlyList<TicketEvent> Timeline,
    bool GuidedOnline = false, bool? GuidanceSucceeded = null)
{
    /// <summary>Every rating the ticket received, oldest first; a reopen clears <see cref="Rating"/> but not these.</summary>
    public IReadOnlyList<TicketRating> RatingHistory { get; init; } = [];

    /// <summary>Ratings given before the current one (or all of them when a reopen cleared the current one).</summary>
    public IEnumerable<TicketRating> EarlierRatings => Rating is null ? RatingHistory : RatingHistory.SkipLast(1);

    /// <summary>The moves the reading actor may take now (<see cref="Ticket.AllowedMoves"/>); empty when read without an actor.</summary>
    public IReadOnlySet<TicketMove> Moves { get; init; } = new HashSet<TicketMove>();
}

/// <summary>Read-only projections for screens and the API.</summary>
public sealed class TicketQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    /// <summary>The actor's queue: its own hall only (all halls for Admin); refused for an account without a hall.</summary>
    public Task<TicketPage> ListAsync(Actor actor, TicketFilter filter, CancellationToken ct = default) =>
        ListAsync(filter with { HallId = actor.HallScope }, ct);

    /// <summary>One ticket as the actor may see it: another hall's ticket reads as missing.</summary>
    public Task<TicketDetail?> GetAsync(Actor actor, int id, CancellationToken ct = default) => GetAsync(id, actor.HallScope, actor, ct);

    public async Task<TicketPage> ListAsync(TicketFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var q = db.Tickets.AsNoTracking();
        if (filter.HallId is int hall) q = q.Where(t => t.HallId == hall);
        q = filter.View switch
        {
            QueueView.Waiting => q.Where(t => t.Status == TicketStatus.Waiting),
            QueueView.Mine => q.Where(t => t.AssigneeId == filter.EngineerId && t.Status != TicketStatus.Closed),
            QueueView.Overdue => q.Where(t => t.PausedSinceUtc == null && ((t.Status == TicketStatus.Waiting && t.ResponseDueUtc < now)
                                              || (t.Status == TicketStatus.InProgress && t.ResolveDueUtc < now))),
            QueueView.ToCallBack => q.Where(t => t.Status == TicketStatus.Resolved || t.Status == TicketStatus.FollowedUp),
            QueueView.Open => q.Where(t => t.Status != TicketStatus.Closed),
            _ => q,
        };
        if (filter.Status is TicketStatus status) q = q.Where(t => t.Status == status);
        if (filter.Channel is Channel channel) q = q.Where(t => t.Channel == channel);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Numbers and IDs are stored upper-case; names may hold Latin letters in any case.
            var s = filter.Search.Trim().ToUpperInvariant();
            q = q.Where(t => t.Number.Contains(s) || t.TaxpayerName.ToUpper().Contains(s) || (t.TaxpayerId != null && t.TaxpayerId.Contains(s)));
        }
        var total = await q.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, TicketFilter.MaxPage);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var ordered = filter.View == QueueView.ToCallBack
            ? q.OrderBy(t => t.ResolvedUtc)
            : q.OrderByDescending(t => t.Priority == Priority.Urgent).ThenBy(t => t.CreatedUtc);
        var rows = await Project(ordered).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new TicketPage(rows, total, page, size);
    }

    public Task<TicketDetail?> GetAsync(int id, int? hallId, CancellationToken ct = default) => GetAsync(id, hallId, null, ct);

    private async Task<TicketDetail?> GetAsync(int id, int? hallId, Actor? reader, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Project(db.Tickets.AsNoTracking().Where(t => t.Id == id && (hallId == null || t.HallId == hallId)))
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var t = await db.Tickets.AsNoTracking().Include(x => x.Satisfaction).FirstAsync(x => x.Id == id, ct);
        var hallName = await db.Halls.Where(h => h.Id == t.HallId).Select(h => h.Name).FirstAsync(ct);
        var timeline = await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        var ratings = await db.TicketRatings.AsNoTracking().Where(r => r.TicketId == id).OrderBy(r => r.AtUtc).ThenBy(r => r.Id).ToListAsync(ct);
        return new TicketDetail(row, hallName, t.TaxpayerId, t.TaxpayerPhone, t.Description, t.Resolution,
            t.Satisfaction?.Level, t.Satisfaction?.Comment, t.Satisfaction?.Source, t.CloseReason, t.CloseNote,
            t.LastFollowUp, t.ReopenCount, timeline, t.GuidedOnline, t.GuidanceSucceeded)
        {
            RatingHistory = ratings,
            Moves = reader is null ? new HashSet<TicketMove>() : t.AllowedMoves(reader),
        };
    }

    public async Task<int?> FindIdByNumberAsync(string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tickets.Where(t => t.Number == number).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Earlier tickets of one taxpayer, shown at intake as the ID is typed.</summary>
    public async Task<IReadOnlyList<TicketRow>> HistoryOfTaxpayerAsync(int hallId, string taxpayerId, int take = 5, CancellationToken ct = default)
    {
        var id = taxpayerId.Trim().ToUpperInvariant();
        if (id.Length < 6) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db.Tickets.AsNoTracking()
                .Where(t => t.HallId == hallId && t.TaxpayerId != null && t.TaxpayerId.StartsWith(id))
                .OrderByDescending(t => t.CreatedUtc))
            .Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<EngineerChoice>> EngineersAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId && e.IsActive)
            .OrderBy(e => e.EmployeeNo).Select(e => new EngineerChoice(e.Id, e.Name, e.EmployeeNo)).ToListAsync(ct);
    }

    private static IQueryable<TicketRow> Project(IQueryable<Ticket> q) => q.Select(t => new TicketRow(
        t.Id, t.Number, t.CreatedUtc, t.Status, t.Channel, t.Category, t.Kind, t.Priority, t.TaxpayerName,
        t.Assignee != null ? t.Assignee.Name : null, t.AssigneeId, t.ResponseDueUtc, t.ResolveDueUtc, t.ResolvedUtc,
        t.FollowUpAttempts, t.Version, t.TaxpayerPhone) { PausedSinceUtc = t.PausedSinceUtc });
}

public sealed record EngineerChoice(int Id, string Name, string EmployeeNo);
