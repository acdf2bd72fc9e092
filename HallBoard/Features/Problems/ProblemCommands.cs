using HallBoard.Data;
using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Knowledge;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Problems;

public sealed record ProblemRef(int Id, int Version, ProblemStatus Status);

/// <summary>Every change to a difficult problem: one context, one transaction with its audit entry.</summary>
public sealed class ProblemCommands(IDbContextFactory<HallDbContext> dbFactory, HallTime time, KnowledgeCommands knowledge)
{
    public async Task<ProblemRef> OpenAsync(int hallId, string title, string description, Category category, Actor actor,
        CancellationToken ct = default)
    {
        actor.RequireRole(Policies.KnowledgeAuthors);
        _ = actor.HallScope;
        if (!actor.CanSee(hallId))
            throw new ForbiddenException("只能为本厅登记疑难问题。");
        var now = time.UtcNow;
        var problem = Problem.Open(hallId, title, description, category, actor, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct))
            throw ValidationFailedException.For("hall", "办税服务厅不存在。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Problems.Add(problem);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, now, "登记疑难问题", nameof(Problem), problem.Id.ToString(), null, Snapshot(problem), hallId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Ref(problem);
    }

    public Task<ProblemRef> StartAnalysisAsync(int id, int? version, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, actor, ProblemMove.StartAnalysis, "疑难问题开始分析", (_, p, now) => Done(() => p.StartAnalysis(now)), ct);

    public Task<ProblemRef> RecordWorkaroundAsync(int id, int? version, string workaround, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, actor, ProblemMove.RecordWorkaround, "记录临时方案", (_, p, now) => Done(() => p.RecordWorkaround(workaround, now)), ct);

    public Task<ProblemRef> ResolveAsync(int id, int? version, string resolution, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, actor, ProblemMove.Resolve, "疑难问题已解决", (_, p, now) => Done(() => p.Resolve(resolution, now)), ct);

    public Task<ProblemRef> SubmitToBureauAsync(int id, int? version, DateOnly day, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, version, actor, ProblemMove.SubmitToBureau, "登记提交税务局日期", (_, p, now) => Done(() => p.SubmitToBureau(day, time.Today, now)), ct);

    /// <summary>A line of the discussion with the bureau; a Bureau account of the hall answers in its own name.</summary>
    public Task<ProblemRef> DiscussAsync(int id, string who, string text, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, null, actor, ProblemMove.Discuss, actor.IsIn(Roles.Bureau) ? "税务局答复疑难问题" : "记录与税务局的讨论",
            (_, p, now) => Done(() => p.Discuss(actor.IsIn(Roles.Bureau) ? actor.Name : who, text, actor, now)), ct);

    /// <summary>Closes a problem as the same cause as another of the hall; its tickets move to that one. An optional
    /// note goes into the discussion log in the same transaction.</summary>
    public Task<ProblemRef> CloseAsDuplicateAsync(int id, int? version, int originalId, Actor actor, string? note = null,
        CancellationToken ct = default) =>
        ChangeAsync(id, version, actor, ProblemMove.CloseAsDuplicate, "作为重复问题关闭", async (db, p, now) =>
        {
            var original = await db.Problems.FirstOrDefaultAsync(x => x.Id == originalId, ct)
                           ?? throw new KnowledgeRuleException("要合并到的疑难问题不存在。");
            if (!string.IsNullOrWhiteSpace(note)) p.Discuss(actor.Name, $"合并说明：{note.Trim()}", actor, now);
            p.CloseAsDuplicateOf(original, now);
            var links = await db.ProblemTickets.Where(x => x.ProblemId == p.Id).ToListAsync(ct);
            db.ProblemTickets.RemoveRange(links);
            db.ProblemTickets.AddRange(links.Select(l => new ProblemTicket
            {
                ProblemId = original.Id, TicketId = l.TicketId, LinkedUtc = l.LinkedUtc, LinkedBy = l.LinkedBy,
            }));
        }, ct);

    /// <summary>Links a ticket of the same hall by its number; the ticket's timeline records it.</summary>
    public Task<ProblemRef> LinkTicketAsync(int id, string ticketNumber, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, null, actor, ProblemMove.LinkTicket, "疑难问题关联工单", async (db, p, now) =>
        {
            var number = (ticketNumber ?? "").Trim().ToUpperInvariant();
            if (number.Length == 0) throw ValidationFailedException.For("ticket", "请填写工单编号。");
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == number)
                .Select(t => new { t.Id, t.HallId, t.Status }).FirstOrDefaultAsync(ct);
            if (ticket is null) throw ValidationFailedException.For("ticket", $"工单 {number} 不存在。");
            p.RequireLinkable(ticket.HallId);
            var linked = await db.ProblemTickets.Where(x => x.TicketId == ticket.Id).Select(x => (int?)x.ProblemId).FirstOrDefaultAsync(ct);
            if (linked is int other)
                throw new KnowledgeRuleException(other == p.Id ? "该工单已关联到本问题。" : "该工单已关联到另一个疑难问题。");
            db.ProblemTickets.Add(new ProblemTicket { ProblemId = p.Id, TicketId = ticket.Id, LinkedUtc = now, LinkedBy = actor.Name });
            db.TicketEvents.Add(new TicketEvent
            {
                TicketId = ticket.Id, AtUtc = now, Kind = TicketEventKind.LinkedToProblem, FromStatus = ticket.Status, ToStatus = ticket.Status,
                ActorId = actor.Id, ActorName = actor.Name, Note = $"疑难问题：{p.Title}",
            });
        }, ct);

    /// <summary>A resolved problem becomes a draft article in one step: its title as the question, the resolution as steps.</summary>
    public async Task<ArticleRef> DraftArticleAsync(int id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problem = await LoadAsync(db, id, actor, ProblemMove.DraftArticle, ct);
        if (problem.RefusalOf(ProblemMove.DraftArticle, actor) is { } refused) throw refused;
        var channel = await (from l in db.ProblemTickets
                             join t in db.Tickets on l.TicketId equals t.Id
                             where l.ProblemId == id
                             group t by t.Channel into g
                             orderby g.Count() descending
                             select (Channel?)g.Key).FirstOrDefaultAsync(ct) ?? Channel.Other;
        var before = Snapshot(problem);
        var article = KnowledgeArticle.Draft(problem.HallId, problem.ArticleDraft(channel), actor, time.UtcNow, sourceProblemId: problem.Id);
        await knowledge.AddAsync(db, article, actor, "由疑难问题生成知识草稿", ct, () =>
        {
            problem.DraftedAs(article.Id, article.CreatedUtc);
            db.Audit(actor, article.CreatedUtc, "疑难问题生成知识草稿", nameof(Problem), problem.Id.ToString(), before, Snapshot(problem), problem.HallId);
        });
        return new ArticleRef(article.Id, article.Revision, article.Status);
    }

    private async Task<ProblemRef> ChangeAsync(int id, int? version, Actor actor, ProblemMove move, string action,
        Func<HallDbContext, Problem, DateTime, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problem = await LoadAsync(db, id, actor, move, ct);
        if (version is int expected && problem.Version != expected)
            throw new KnowledgeRuleException("该疑难问题已被他人修改，请刷新后再试。");
        if (problem.RefusalOf(move, actor) is { } refused) throw refused;
        var before = Snapshot(problem);
        var now = time.UtcNow;
        await change(db, problem, now);
        db.Audit(actor, now, action, nameof(Problem), problem.Id.ToString(), before, Snapshot(problem), problem.HallId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new KnowledgeRuleException("该疑难问题已被他人修改，请刷新后再试。"));
        }
        return Ref(problem);
    }

    /// <summary>Loads the problem for a move; the role is checked before anything is read.</summary>
    private static async Task<Problem> LoadAsync(HallDbContext db, int id, Actor actor, ProblemMove move, CancellationToken ct)
    {
        if (!Problem.MayTake(move, actor)) throw new ForbiddenException(Actor.NoRightMessage);
        _ = actor.HallScope;
        var problem = await db.Problems.Include(p => p.Notes).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (problem is null || !actor.CanSee(problem.HallId))
            throw new NotFoundException("疑难问题不存在。");
        return problem;
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static ProblemRef Ref(Problem p) => new(p.Id, p.Version, p.Status);

    private static string Snapshot(Problem p) =>
        $"状态={Labels.Of(p.Status)}; 标题={p.Title}; 提交税务局={p.SubmittedToBureau?.ToString("yyyy-MM-dd") ?? "—"}; 讨论={p.Notes.Count}; 版本={p.Version}";
}
