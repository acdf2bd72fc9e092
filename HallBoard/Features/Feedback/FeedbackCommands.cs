using HallBoard.Features.Account;
using System.Security.Cryptography;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Feedback;

public sealed record FeedbackRef(int Id, string Number, int Version, FeedbackStatus Status);

/// <summary>Taking in taxpayer feedback from its three doors and moving it on, one transaction each with its
/// audit entry; a complaint also flags its ticket for a call-back and alerts the hall lead.</summary>
public sealed class FeedbackCommands(
    IDbContextFactory<HallDbContext> dbFactory,
    TicketCommands tickets,
    HallTime time,
    HallNotifier notifier,
    IOptions<FeedbackOptions> options)
{
    public const string OneFeedbackPerLink = "该评价链接已提交过意见，每个链接只能提交一次。如需补充，请扫描大厅的意见反馈二维码。";

    /// <summary>(a) After rating a service: the feedback is tied to the rated ticket; the link must not have expired.</summary>
    public async Task<FeedbackRef> SubmitAfterRatingAsync(string? token, FeedbackDraft draft, CancellationToken ct = default)
    {
        var valid = (draft with { Source = FeedbackSource.RatingPage }).Validated();
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) throw new NotFoundException("评价链接无效。");
        var hash = SatisfactionLinks.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var link = await db.SatisfactionLinks.AsNoTracking().Where(l => l.TokenHash == hash)
            .Select(l => new { l.Id, l.TicketId, l.ExpiresUtc, l.FeedbackUtc }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("评价链接无效。");
        if (time.UtcNow > link.ExpiresUtc) throw new FeedbackRuleException("该评价链接已过期，请扫描大厅的意见反馈二维码提交。");
        if (link.FeedbackUtc is not null) throw new FeedbackRuleException(OneFeedbackPerLink);
        var hallId = await db.Tickets.Where(t => t.Id == link.TicketId).Select(t => t.HallId).FirstAsync(ct);
        try
        {
            return await ReceiveAsync(hallId, valid, link.TicketId, Actor.Taxpayer, ct, async (tx, now) =>
            {
                // Spent with the feedback in one transaction; a second post at the same moment loses on the ticket's version.
                var spent = await tx.SatisfactionLinks.FirstAsync(l => l.Id == link.Id, ct);
                if (spent.FeedbackUtc is not null) throw new FeedbackRuleException(OneFeedbackPerLink);
                spent.FeedbackUtc = now;
            });
        }
        catch (ConcurrencyConflictException)
        {
            throw new FeedbackRuleException(OneFeedbackPerLink);
        }
    }

    /// <summary>(b) The hall's public page, reached by QR code: anonymous allowed, never tied to a ticket.</summary>
    public async Task<FeedbackRef> SubmitPublicAsync(string? hallCode, FeedbackDraft draft, CancellationToken ct = default)
    {
        var valid = (draft with { Source = FeedbackSource.PublicPage }).Validated();
        var hallId = await HallIdAsync(hallCode, ct) ?? throw new NotFoundException("办税服务厅不存在。");
        return await ReceiveAsync(hallId, valid, null, Actor.Taxpayer, ct);
    }

    /// <summary>(c) An engineer for a taxpayer, optionally tied to a ticket of the same hall by its number.</summary>
    public async Task<FeedbackRef> SubmitForTaxpayerAsync(int hallId, FeedbackDraft draft, string? ticketNumber, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Account.Roles.StaffRoles);
        _ = actor.HallScope;
        if (!actor.CanSee(hallId)) throw new ForbiddenException("只能为本厅登记意见。");
        var valid = (draft with { Source = FeedbackSource.Engineer }).Validated();
        int? ticketId = null;
        if (!string.IsNullOrWhiteSpace(ticketNumber))
        {
            var number = ticketNumber.Trim().ToUpperInvariant();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Number == number)
                .Select(t => new { t.Id, t.HallId }).FirstOrDefaultAsync(ct);
            if (ticket is null || ticket.HallId != hallId)
                throw ValidationFailedException.For("ticketNumber", "关联的工单不存在或不属于本厅。");
            ticketId = ticket.Id;
        }
        return await ReceiveAsync(hallId, valid, ticketId, actor, ct);
    }

    /// <summary>The one step out of the feedback's current status (报送 → 处理 → 答复 → 办结).</summary>
    public async Task<FeedbackRef> AdvanceAsync(int id, int? expectedVersion, string? note, Actor actor, CancellationToken ct = default)
    {
        if (!TaxpayerFeedback.MayHandle(actor)) throw new ForbiddenException(Actor.NoRightMessage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feedback = await db.Feedback.FirstOrDefaultAsync(f => f.Id == id, ct);
        _ = actor.HallScope;
        if (feedback is null || !actor.CanSee(feedback.HallId))
            throw new NotFoundException("意见不存在。");
        if (expectedVersion is int expected && feedback.Version != expected)
            throw new FeedbackRuleException("该意见已被他人更新，请刷新后再试。");
        var before = Labels.Of(feedback.Status);
        var now = time.UtcNow;
        feedback.Advance(note, actor, now);
        db.Audit(actor, now, "意见" + Labels.Of(feedback.Status), nameof(TaxpayerFeedback), feedback.Number,
            before, Labels.Of(feedback.Status), feedback.HallId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new FeedbackRuleException("该意见已被他人更新，请刷新后再试。");
        }
        return Ref(feedback);
    }

    private async Task<FeedbackRef> ReceiveAsync(int hallId, FeedbackDraft draft, int? ticketId, Actor actor, CancellationToken ct,
        Func<HallDbContext, DateTime, Task>? alongside = null)
    {
        TaxpayerFeedback? feedback = null;
        var number = await NumberAsync(ct);
        if (ticketId is int id)
        {
            // The ticket's timeline, its call-back flag, the feedback and both audit entries: one transaction.
            var actorForTicket = actor with { HallId = hallId };
            await tickets.ChangeWithinAsync(id, null, actorForTicket, "收到纳税人意见", async (db, ticket, now) =>
            {
                if (alongside is not null) await alongside(db, now);
                feedback = Add(db, hallId, number, draft, ticket.Id, actor, now);
                ticket.NoteFeedback($"{Labels.Of(draft.Kind)} {number}", feedback.AlertsLead, actor, now);
            }, ct);
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            feedback = Add(db, hallId, number, draft, null, actor, time.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        if (feedback!.AlertsLead)
        {
            var ticketNumber = ticketId is null ? null : await TicketNumberAsync(ticketId.Value, ct);
            await notifier.PublishAsync(LeadNotices.ForComplaint(hallId, feedback.Id, feedback.Number, ticketId, ticketNumber));
        }
        return Ref(feedback);
    }

    private TaxpayerFeedback Add(HallDbContext db, int hallId, string number, FeedbackDraft draft, int? ticketId, Actor actor, DateTime now)
    {
        var feedback = TaxpayerFeedback.Receive(hallId, number, draft, ticketId, options.Value.Deadlines, actor, now);
        db.Feedback.Add(feedback);
        db.Audit(actor, now, "收到纳税人意见", nameof(TaxpayerFeedback), number, null,
            $"{Labels.Of(feedback.Kind)}；{Labels.Of(feedback.Source)}；{(feedback.ContactPhone is null ? "匿名" : "留有联系方式")}", hallId);
        return feedback;
    }

    /// <summary>"YJ-20261127-482913": the day and six random digits, so numbers do not reveal how many came in.</summary>
    private async Task<string> NumberAsync(CancellationToken ct)
    {
        var day = time.ToLocal(time.UtcNow).ToString("yyyyMMdd");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var i = 0; ; i++)
        {
            var number = $"YJ-{day}-{RandomNumberGenerator.GetInt32(0, 1_000_000):000000}";
            if (i >= 5 || !await db.Feedback.AnyAsync(f => f.Number == number, ct)) return number;
        }
    }

    private async Task<int?> HallIdAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var upper = code.Trim().ToUpperInvariant();
        return await db.Halls.Where(h => h.Code == upper).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<string?> TicketNumberAsync(int ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).FirstOrDefaultAsync(ct);
    }

    private static FeedbackRef Ref(TaxpayerFeedback f) => new(f.Id, f.Number, f.Version, f.Status);
}
