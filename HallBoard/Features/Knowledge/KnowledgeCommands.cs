using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Knowledge;

public sealed record ArticleRef(int Id, int Revision, ArticleStatus Status);

/// <summary>Every change to a knowledge article: one context, one transaction with its search grams and audit entry.</summary>
public sealed class KnowledgeCommands(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<ArticleRef> CreateAsync(int hallId, ArticleContent content, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.KnowledgeAuthors);
        RequireHall(hallId, actor);
        var valid = content.Validated();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct))
            throw ValidationFailedException.For("hall", "办税服务厅不存在。");
        var article = KnowledgeArticle.Draft(hallId, valid, actor, time.UtcNow);
        await AddAsync(db, article, actor, "新建知识条目", ct);
        return Ref(article);
    }

    public Task<ArticleRef> EditAsync(int id, int? expectedRevision, ArticleContent content, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, expectedRevision, actor, Policies.KnowledgeAuthors, "修改知识条目", (a, now) => a.Edit(content, actor, now), ct);

    public Task<ArticleRef> PublishAsync(int id, int? expectedRevision, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, expectedRevision, actor, Policies.KnowledgePublishers, "发布知识条目", (a, now) => a.Publish(actor, now), ct);

    public Task<ArticleRef> RetireAsync(int id, int? expectedRevision, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, expectedRevision, actor, Policies.KnowledgePublishers, "停用知识条目", (a, now) => a.Retire(actor, now), ct);

    /// <summary>Records that an article helped resolve a ticket of the same hall, and counts the use.</summary>
    public async Task LinkToTicketAsync(int ticketId, int articleId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.StaffRoles);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Id, t.HallId, t.Number, t.Status }).FirstOrDefaultAsync(ct);
        if (ticket is null || !actor.CanSee(ticket.HallId))
            throw new NotFoundException("工单不存在。");
        var article = await db.KnowledgeArticles.FirstOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is null || article.HallId != ticket.HallId)
            throw new KnowledgeRuleException("只能引用本厅的知识条目。");
        if (ticket.Status is TicketStatus.Waiting or TicketStatus.Closed)
            throw new KnowledgeRuleException("只有处理中或已解决的工单可以引用知识条目。");
        if (await db.KnowledgeUses.AnyAsync(u => u.TicketId == ticketId && u.ArticleId == articleId, ct))
            throw new KnowledgeRuleException("该工单已引用过这条知识。");
        article.CountUse();
        var now = time.UtcNow;
        db.KnowledgeUses.Add(new KnowledgeUse
        {
            ArticleId = articleId, TicketId = ticketId, HallId = ticket.HallId, AtUtc = now, ActorId = actor.Id, ActorName = actor.Name,
        });
        // The ticket's timeline shows which article helped (痕迹化管理); the ticket itself does not change.
        db.TicketEvents.Add(new TicketEvent
        {
            TicketId = ticketId, AtUtc = now, Kind = TicketEventKind.Commented, FromStatus = ticket.Status, ToStatus = ticket.Status,
            ActorId = actor.Id, ActorName = actor.Name, Note = $"引用知识：{article.Question}",
        });
        db.Audit(actor, now, "引用知识条目", nameof(KnowledgeArticle), articleId.ToString(), null,
            $"工单={ticket.Number}; 引用次数={article.UseCount}", ticket.HallId);
        await SaveAsync(db, ct);
    }

    /// <summary>A resolved ticket becomes a draft: its description as the question, its resolution as the steps.</summary>
    public async Task<ArticleRef> DraftFromTicketAsync(int ticketId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.KnowledgeAuthors);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.HallId, t.Number, t.Status, t.Description, t.Resolution, t.Channel, t.Category })
            .FirstOrDefaultAsync(ct);
        if (ticket is null || !actor.CanSee(ticket.HallId))
            throw new NotFoundException("工单不存在。");
        if (ticket.Status is TicketStatus.Waiting or TicketStatus.InProgress || ticket.Resolution is null)
            throw new KnowledgeRuleException("工单解决后才能生成知识条目。");
        if (await db.KnowledgeArticles.AnyAsync(a => a.SourceTicketId == ticketId, ct))
            throw new KnowledgeRuleException("该工单已生成过知识条目。");
        var question = ticket.Description.ReplaceLineEndings(" ");
        var steps = ArticleContent.SplitSteps(ticket.Resolution);
        var content = new ArticleContent
        {
            Question = question.Length > ArticleContent.MaxQuestion ? question[..ArticleContent.MaxQuestion] : question,
            Steps = steps.Count > 0 ? steps : [ticket.Resolution],
            Channel = ticket.Channel,
            Category = ticket.Category,
        };
        var article = KnowledgeArticle.Draft(ticket.HallId, content, actor, time.UtcNow, sourceTicketId: ticketId);
        await AddAsync(db, article, actor, $"由工单{ticket.Number}生成知识草稿", ct);
        return Ref(article);
    }

    /// <summary>Adds a new article and its grams in one transaction (the grams need the article's id).</summary>
    internal async Task AddAsync(HallDbContext db, KnowledgeArticle article, Actor actor, string action, CancellationToken ct,
        Action? alongside = null)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.KnowledgeArticles.Add(article);
        await db.SaveChangesAsync(ct);
        await SyncGramsAsync(db, article, ct);
        alongside?.Invoke();
        db.Audit(actor, article.CreatedUtc, action, nameof(KnowledgeArticle), article.Id.ToString(), null, Snapshot(article), article.HallId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<ArticleRef> ChangeAsync(int id, int? expectedRevision, Actor actor, string[] roles, string action,
        Action<KnowledgeArticle, DateTime> change, CancellationToken ct)
    {
        actor.RequireRole(roles);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var article = await db.KnowledgeArticles.Include(a => a.Versions).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null || !actor.CanSee(article.HallId))
            throw new NotFoundException("知识条目不存在。");
        if (expectedRevision is int expected && article.Revision != expected)
            throw new KnowledgeRuleException("该知识条目已被他人修改，请刷新后再试。");
        var before = Snapshot(article);
        var now = time.UtcNow;
        change(article, now);
        await SyncGramsAsync(db, article, ct);
        db.Audit(actor, now, action, nameof(KnowledgeArticle), article.Id.ToString(), before, Snapshot(article), article.HallId);
        await SaveAsync(db, ct);
        return Ref(article);
    }

    /// <summary>Keeps the article's gram rows equal to the grams of its search text.</summary>
    private static async Task SyncGramsAsync(HallDbContext db, KnowledgeArticle article, CancellationToken ct)
    {
        var wanted = KnowledgeSearchText.Grams(article.SearchText);
        var stored = await db.KnowledgeGrams.Where(g => g.ArticleId == article.Id).ToListAsync(ct);
        db.KnowledgeGrams.RemoveRange(stored.Where(g => !wanted.Contains(g.Gram)));
        var have = stored.Select(g => g.Gram).ToHashSet(StringComparer.Ordinal);
        db.KnowledgeGrams.AddRange(wanted.Where(g => !have.Contains(g)).Select(g => new KnowledgeGram { ArticleId = article.Id, Gram = g }));
    }

    private static async Task SaveAsync(HallDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new KnowledgeRuleException("该知识条目已被他人修改，请刷新后再试。"));
        }
    }

    private static void RequireHall(int hallId, Actor actor)
    {
        _ = actor.HallScope;
        if (!actor.CanSee(hallId)) throw new ForbiddenException("只能为本厅编写知识条目。");
    }

    private static ArticleRef Ref(KnowledgeArticle a) => new(a.Id, a.Revision, a.Status);

    internal static string Snapshot(KnowledgeArticle a) =>
        $"状态={Labels.Of(a.Status)}; 版本={a.PublishedVersion}; 问题={a.Question}; 步骤={a.StepList.Count}";
}
