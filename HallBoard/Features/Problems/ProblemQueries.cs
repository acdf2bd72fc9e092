using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Problems;

public sealed record ProblemRow(int Id, string Title, Category Category, ProblemStatus Status, int TicketCount,
    DateOnly? SubmittedToBureau, DateTime CreatedUtc, DateTime UpdatedUtc);

public sealed record ProblemTicketRow(int Id, string Number, TicketStatus Status, string Description, DateTime LinkedUtc, string LinkedBy);

public sealed record ProblemDetail(
    int Id, int HallId, string Title, string Description, Category Category, ProblemStatus Status, string? Workaround,
    string? Resolution, DateOnly? SubmittedToBureau, int? DuplicateOfId, string? DuplicateOfTitle, int? ArticleId,
    string CreatedBy, DateTime CreatedUtc, DateTime? ResolvedUtc, int Version,
    IReadOnlyList<ProblemNote> Notes, IReadOnlyList<ProblemTicketRow> Tickets)
{
    public bool IsFinished => Status is ProblemStatus.Resolved or ProblemStatus.Duplicate;

    /// <summary>The moves the reading actor may take now (<see cref="Problem.AllowedMoves"/>); empty when read without an actor.</summary>
    public IReadOnlySet<ProblemMove> Moves { get; init; } = new HashSet<ProblemMove>();
}

public sealed class ProblemQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ProblemRow>> ListAsync(int hallId, ProblemStatus? status = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Problems.AsNoTracking().Where(p => p.HallId == hallId);
        if (status is ProblemStatus s) q = q.Where(p => p.Status == s);
        return await q.OrderBy(p => p.Status == ProblemStatus.Resolved || p.Status == ProblemStatus.Duplicate)
            .ThenByDescending(p => p.UpdatedUtc)
            .Select(p => new ProblemRow(p.Id, p.Title, p.Category, p.Status, db.ProblemTickets.Count(t => t.ProblemId == p.Id),
                p.SubmittedToBureau, p.CreatedUtc, p.UpdatedUtc))
            .Take(200).ToListAsync(ct);
    }

    /// <summary>Other open problems of the hall a problem may be merged into.</summary>
    public async Task<IReadOnlyList<ProblemRow>> MergeTargetsAsync(int hallId, int exceptId, CancellationToken ct = default) =>
        (await ListAsync(hallId, null, ct)).Where(p => p.Id != exceptId && p.Status != ProblemStatus.Duplicate).ToList();

    /// <summary>One problem as the actor may see it (a bureau account: also its supervised halls), with the moves it may
    /// take; another hall's reads as missing.</summary>
    public async Task<ProblemDetail?> GetAsync(Actor reader, int id, CancellationToken ct = default)
    {
        _ = reader.HallScope;
        var found = await GetAsync(id, null, reader, ct);
        return found is not null && reader.CanSee(found.HallId) ? found : null;
    }

    public Task<ProblemDetail?> GetAsync(int id, int? hallId, CancellationToken ct = default) => GetAsync(id, hallId, null, ct);

    private async Task<ProblemDetail?> GetAsync(int id, int? hallId, Actor? reader, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Problems.AsNoTracking().Include(x => x.Notes)
            .FirstOrDefaultAsync(x => x.Id == id && (hallId == null || x.HallId == hallId), ct);
        if (p is null) return null;
        var duplicateOf = p.DuplicateOfId is int d
            ? await db.Problems.Where(x => x.Id == d).Select(x => x.Title).FirstOrDefaultAsync(ct)
            : null;
        var tickets = await (from l in db.ProblemTickets
                             join t in db.Tickets on l.TicketId equals t.Id
                             where l.ProblemId == id
                             orderby l.LinkedUtc
                             select new ProblemTicketRow(t.Id, t.Number, t.Status, t.Description, l.LinkedUtc, l.LinkedBy)).ToListAsync(ct);
        return new ProblemDetail(p.Id, p.HallId, p.Title, p.Description, p.Category, p.Status, p.Workaround, p.Resolution,
            p.SubmittedToBureau, p.DuplicateOfId, duplicateOf, p.ArticleId, p.CreatedBy, p.CreatedUtc, p.ResolvedUtc, p.Version,
            p.Notes.OrderBy(n => n.AtUtc).ThenBy(n => n.Id).ToList(), tickets)
        {
            Moves = reader is null ? new HashSet<ProblemMove>() : p.AllowedMoves(reader),
        };
    }
}
