using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Feedback;

public enum FeedbackView { Open, Overdue, Complaints, All }

public sealed record FeedbackRow(int Id, string Number, FeedbackKind Kind, FeedbackSource Source, FeedbackStatus Status,
    string Content, DateTime CreatedUtc, DateTime? DueUtc, int? TicketId, string? TicketNumber)
{
    public bool IsOverdue(DateTime nowUtc) => DueUtc is { } due && nowUtc > due;
}

public sealed record FeedbackDetail(FeedbackRow Row, string HallName, string? ContactName, string? ContactPhone, string? Reply,
    int Version, bool TicketCallBackPending, IReadOnlyList<FeedbackEvent> Timeline)
{
    /// <summary>The moves the reading actor may take now (<see cref="TaxpayerFeedback.AllowedMoves"/>); empty when read without an actor.</summary>
    public IReadOnlySet<FeedbackMove> Moves { get; init; } = new HashSet<FeedbackMove>();
}

public sealed record HallRef(int Id, string Code, string Name);

public sealed class FeedbackQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<IReadOnlyList<FeedbackRow>> ListAsync(int hallId, FeedbackView view, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Feedback.AsNoTracking().Where(f => f.HallId == hallId);
        q = view switch
        {
            FeedbackView.Open or FeedbackView.Overdue => q.Where(f => f.Status != FeedbackStatus.Closed),
            FeedbackView.Complaints => q.Where(f => f.Kind == FeedbackKind.Complaint),
            _ => q,
        };
        var rows = await Project(db, q.OrderByDescending(f => f.CreatedUtc)).Take(take).ToListAsync(ct);
        var now = time.UtcNow;
        return view == FeedbackView.Overdue ? rows.Where(r => r.IsOverdue(now)).ToList() : rows;
    }

    /// <summary>One feedback as the actor may see it, with the moves it may take; another hall's reads as missing.</summary>
    public Task<FeedbackDetail?> GetAsync(Actor reader, int id, CancellationToken ct = default) => GetAsync(id, reader.HallScope, reader, ct);

    public Task<FeedbackDetail?> GetAsync(int id, int? hallId, CancellationToken ct = default) => GetAsync(id, hallId, null, ct);

    private async Task<FeedbackDetail?> GetAsync(int id, int? hallId, Actor? reader, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Feedback.AsNoTracking().Where(f => f.Id == id && (hallId == null || f.HallId == hallId));
        var row = await Project(db, q).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var f = await q.FirstAsync(ct);
        var hallName = await db.Halls.Where(h => h.Id == f.HallId).Select(h => h.Name).FirstAsync(ct);
        var pending = f.TicketId is int t && await db.Tickets.AnyAsync(x => x.Id == t && x.CallBackRequiredUtc != null, ct);
        var events = await db.FeedbackEvents.AsNoTracking().Where(e => e.FeedbackId == id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        return new FeedbackDetail(row, hallName, f.ContactName, f.ContactPhone, f.Reply, f.Version, pending, events)
        {
            Moves = reader is null ? new HashSet<FeedbackMove>() : f.AllowedMoves(reader),
        };
    }

    /// <summary>Whether a ticket owes its taxpayer a call-back (complaint or poor rating), and its status.</summary>
    public async Task<(bool Pending, TicketStatus Status, string? Number)> CallBackAsync(int ticketId, int? hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var t = await db.Tickets.AsNoTracking().Where(x => x.Id == ticketId && (hallId == null || x.HallId == hallId))
            .Select(x => new { x.CallBackRequiredUtc, x.Status, x.Number }).FirstOrDefaultAsync(ct);
        return t is null ? (false, TicketStatus.Closed, null) : (t.CallBackRequiredUtc is not null, t.Status, t.Number);
    }

    /// <summary>Open feedback of a hall, and how many of it are past due: the lead's badge.</summary>
    public async Task<(int Open, int Overdue)> CountsAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Feedback.AsNoTracking().Where(f => f.HallId == hallId && f.Status != FeedbackStatus.Closed)
            .Select(f => new { f.Status, f.ReportDueUtc, f.HandleDueUtc, f.ReplyDueUtc, f.CloseDueUtc }).ToListAsync(ct);
        var now = time.UtcNow;
        return (open.Count, open.Count(f => TaxpayerFeedback.DueOf(f.Status, f.ReportDueUtc, f.HandleDueUtc, f.ReplyDueUtc, f.CloseDueUtc) < now));
    }

    public async Task<HallRef?> HallAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16) return null;
        var upper = code.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().Where(h => h.Code == upper).Select(h => new HallRef(h.Id, h.Code, h.Name)).FirstOrDefaultAsync(ct);
    }

    public async Task<HallRef?> HallAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().Where(h => h.Id == id).Select(h => new HallRef(h.Id, h.Code, h.Name)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether a rating link may still take feedback, the hall it belongs to, and whether its one message came.</summary>
    public async Task<(bool Valid, string? HallName, bool Sent)> RatingLinkAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) return (false, null, false);
        var hash = SatisfactionLinks.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from l in db.SatisfactionLinks.AsNoTracking()
                           join t in db.Tickets on l.TicketId equals t.Id
                           join h in db.Halls on t.HallId equals h.Id
                           where l.TokenHash == hash
                           select new { l.ExpiresUtc, l.FeedbackUtc, h.Name }).FirstOrDefaultAsync(ct);
        return found is null || time.UtcNow > found.ExpiresUtc
            ? (false, found?.Name, false)
            : (true, found.Name, found.FeedbackUtc is not null);
    }

    private static IQueryable<FeedbackRow> Project(HallDbContext db, IQueryable<TaxpayerFeedback> q) =>
        from f in q
        join t in db.Tickets on f.TicketId equals t.Id into linked
        from t in linked.DefaultIfEmpty()
        select new FeedbackRow(f.Id, f.Number, f.Kind, f.Source, f.Status, f.Content, f.CreatedUtc,
            f.Status == FeedbackStatus.Received ? f.ReportDueUtc
            : f.Status == FeedbackStatus.Reported ? f.HandleDueUtc
            : f.Status == FeedbackStatus.InHandling ? f.ReplyDueUtc
            : f.Status == FeedbackStatus.Replied ? f.CloseDueUtc
            : (DateTime?)null,
            f.TicketId, t == null ? null : t.Number);
}
