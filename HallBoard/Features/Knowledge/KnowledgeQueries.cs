using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Knowledge;

public sealed record ArticleRow(
    int Id, string Question, IReadOnlyList<string> Steps, Channel Channel, Category Category, IReadOnlyList<string> Tags,
    ArticleStatus Status, int PublishedVersion, int UseCount, DateTime UpdatedUtc);

public sealed record ArticleDetail(
    ArticleRow Row, int Revision, string CreatedBy, DateTime CreatedUtc, string UpdatedBy, DateTime? PublishedUtc,
    int? SourceTicketId, string? SourceTicketNumber, int? SourceProblemId, IReadOnlyList<KnowledgeArticleVersion> Versions);

public sealed record LinkedArticle(int Id, string Question, DateTime AtUtc, string ActorName);

/// <summary>Read-only projections of the knowledge base, and the Chinese fragment search.</summary>
public sealed class KnowledgeQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    private const int Candidates = 200;
    public const int MinSharedGrams = 3;
    private const int MaxSuggestGrams = 100;

    /// <summary>
    /// Articles of a hall whose question or steps hold every blank-separated term of the query. Terms of 2 or more
    /// characters are looked up by their grams, then every term is confirmed as a substring. Ranked by how many terms
    /// the question itself holds, then by use.
    /// </summary>
    public async Task<IReadOnlyList<ArticleRow>> SearchAsync(int hallId, string? query, IReadOnlyCollection<ArticleStatus>? statuses = null,
        int take = 10, CancellationToken ct = default)
    {
        var terms = KnowledgeSearchText.Terms(query);
        if (terms.Count == 0) return [];
        var grams = terms.SelectMany(KnowledgeSearchText.Grams).Distinct().ToList();
        var wanted = (statuses ?? [ArticleStatus.Published]).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.KnowledgeArticles.AsNoTracking().Where(a => a.HallId == hallId && wanted.Contains(a.Status));
        if (grams.Count > 0)
        {
            var ids = db.KnowledgeGrams.Where(g => grams.Contains(g.Gram))
                .GroupBy(g => g.ArticleId).Where(g => g.Count() == grams.Count).Select(g => g.Key);
            q = q.Where(a => ids.Contains(a.Id));
        }
        foreach (var term in terms)
            q = q.Where(a => a.SearchText.Contains(term));
        var found = await q.OrderByDescending(a => a.UseCount).ThenByDescending(a => a.UpdatedUtc).Take(Candidates).ToListAsync(ct);
        return found
            .OrderByDescending(a => terms.Count(t => QuestionOf(a).Contains(t, StringComparison.Ordinal)))
            .ThenByDescending(a => a.UseCount)
            .Take(take).Select(Row).ToList();
    }

    /// <summary>
    /// Published articles related to a free description (intake, resolving): ranked by how many of the text's grams
    /// they share, at least <see cref="MinSharedGrams"/> (all of them for a shorter text), then by use.
    /// </summary>
    public async Task<IReadOnlyList<ArticleRow>> SuggestAsync(int hallId, string? text, int take = 5, CancellationToken ct = default)
    {
        var grams = KnowledgeSearchText.Grams(KnowledgeSearchText.Normalize(text ?? "")).Take(MaxSuggestGrams).ToList();
        if (grams.Count == 0) return [];
        var need = Math.Min(MinSharedGrams, grams.Count);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shared = db.KnowledgeGrams.Where(g => grams.Contains(g.Gram)).GroupBy(g => g.ArticleId)
            .Select(g => new { Id = g.Key, Hits = g.Count() }).Where(x => x.Hits >= need);
        var found = await shared
            .Join(db.KnowledgeArticles.Where(a => a.HallId == hallId && a.Status == ArticleStatus.Published), x => x.Id, a => a.Id,
                (x, a) => new { x.Hits, Article = a })
            .OrderByDescending(x => x.Hits).ThenByDescending(x => x.Article.UseCount).ThenBy(x => x.Article.Id)
            .Take(take).ToListAsync(ct);
        return found.Select(x => Row(x.Article)).ToList();
    }

    /// <summary>The list page: a search when a query is typed, otherwise the latest articles.</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(int hallId, string? query, ArticleStatus? status, Category? category,
        int take = 100, CancellationToken ct = default)
    {
        IReadOnlyCollection<ArticleStatus> statuses = status is ArticleStatus s ? [s] : Enum.GetValues<ArticleStatus>();
        if (KnowledgeSearchText.Terms(query).Count > 0)
        {
            var hits = await SearchAsync(hallId, query, statuses, take, ct);
            return category is Category c ? hits.Where(h => h.Category == c).ToList() : hits;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.KnowledgeArticles.AsNoTracking().Where(a => a.HallId == hallId && statuses.Contains(a.Status));
        if (category is Category cat) q = q.Where(a => a.Category == cat);
        var list = await q.OrderByDescending(a => a.UpdatedUtc).Take(take).ToListAsync(ct);
        return list.Select(Row).ToList();
    }

    public async Task<ArticleDetail?> GetAsync(int id, int? hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.KnowledgeArticles.AsNoTracking().Include(x => x.Versions)
            .FirstOrDefaultAsync(x => x.Id == id && (hallId == null || x.HallId == hallId), ct);
        if (a is null) return null;
        var number = a.SourceTicketId is int t
            ? await db.Tickets.Where(x => x.Id == t).Select(x => x.Number).FirstOrDefaultAsync(ct)
            : null;
        return new ArticleDetail(Row(a), a.Revision, a.CreatedBy, a.CreatedUtc, a.UpdatedBy, a.PublishedUtc,
            a.SourceTicketId, number, a.SourceProblemId, a.Versions.OrderByDescending(v => v.Version).ToList());
    }

    /// <summary>The article drafted from a ticket, if any.</summary>
    public async Task<int?> ArticleFromTicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.KnowledgeArticles.Where(a => a.SourceTicketId == ticketId).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<LinkedArticle>> LinkedToTicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from u in db.KnowledgeUses
                      join a in db.KnowledgeArticles on u.ArticleId equals a.Id
                      where u.TicketId == ticketId
                      orderby u.AtUtc
                      select new LinkedArticle(a.Id, a.Question, u.AtUtc, u.ActorName)).ToListAsync(ct);
    }

    private static string QuestionOf(KnowledgeArticle a) => a.SearchText.Split('\n', 2)[0];

    internal static ArticleRow Row(KnowledgeArticle a) => new(a.Id, a.Question, a.StepList, a.Channel, a.Category, a.TagList,
        a.Status, a.PublishedVersion, a.UseCount, a.UpdatedUtc);
}
