using System.Security.Cryptography;
using System.Text;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Satisfaction;

public sealed class SatisfactionOptions
{
    public int LinkLifetimeHours { get; set; } = 24;
}

public enum LinkState { Valid, Used, Expired, Invalid }

/// <summary>What a taxpayer's rating page may show: the hall's name and the service date, nothing more.</summary>
public sealed record RatingLinkView(LinkState State, string? HallName, DateOnly? ServiceDate);

/// <summary>Single-use, expiring links that let a taxpayer rate one service without signing in.</summary>
public sealed class SatisfactionLinks(
    IDbContextFactory<HallDbContext> dbFactory,
    TicketCommands commands,
    HallTime time,
    IOptions<SatisfactionOptions> options)
{
    public async Task<string> CreateAsync(int ticketId, RatingSource source, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.TicketWriters);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await TicketCommands.LoadAsync(db, ticketId, actor, ct);
        if (ticket.Satisfaction is not null)
            throw new TicketRuleException(TicketRule.AlreadyRated, "该工单已评价，不能重复评价。");
        if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.FollowedUp))
            throw new TicketRuleException(TicketRule.IllegalTransition, $"工单当前状态为“{Labels.Of(ticket.Status)}”，不能发起评价。");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = time.UtcNow;
        var link = new SatisfactionLink
        {
            TicketId = ticket.Id,
            TokenHash = Hash(token),
            CreatedUtc = now,
            ExpiresUtc = now.AddHours(options.Value.LinkLifetimeHours),
            Source = source,
        };
        db.SatisfactionLinks.Add(link);
        db.Audit(actor, now, "生成评价链接", nameof(Ticket), ticket.Number, null, $"有效期至 {time.Format(link.ExpiresUtc)}", ticket.HallId);
        await db.SaveChangesAsync(ct);
        return token;
    }

    public async Task<RatingLinkView> ViewAsync(string? token, CancellationToken ct = default)
    {
        var found = await FindAsync(token, ct);
        if (found is null) return new RatingLinkView(LinkState.Invalid, null, null);
        var (link, hallName, createdUtc, _) = found.Value;
        var day = DateOnly.FromDateTime(time.ToLocal(createdUtc));
        return new RatingLinkView(StateOf(link), hallName, day);
    }

    /// <summary>Records the taxpayer's rating and spends the link, in one transaction.</summary>
    public async Task RateAsync(string? token, SatisfactionLevel level, string? comment, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(level)) throw ValidationFailedException.For("level", "请选择一个满意度等级。");
        var found = await FindAsync(token, ct) ?? throw new NotFoundException("评价链接无效。");
        var state = StateOf(found.Link);
        if (state == LinkState.Used) throw new TicketRuleException(TicketRule.AlreadyRated, "该评价链接已使用，感谢您的评价。");
        if (state == LinkState.Expired) throw new TicketRuleException(TicketRule.IllegalTransition, "该评价链接已过期。");
        var linkId = found.Link.Id;
        // The taxpayer acts within the link's ticket, so the ticket's hall is the taxpayer's scope.
        var taxpayer = Actor.Taxpayer with { HallId = found.HallId };
        try
        {
            await commands.ChangeWithinAsync(found.Link.TicketId, null, taxpayer, "满意度评价", async (db, ticket, now) =>
        {
            var link = await db.SatisfactionLinks.FirstAsync(l => l.Id == linkId, ct);
            if (link.UsedUtc is not null) throw new TicketRuleException(TicketRule.AlreadyRated, "该评价链接已使用，感谢您的评价。");
            link.UsedUtc = now;
            ticket.Rate(level, comment, link.Source, taxpayer, now);
        }, ct);
        }
        catch (ConcurrencyConflictException)
        {
            // The same link was used at the same moment elsewhere; that rating stands.
            throw new TicketRuleException(TicketRule.AlreadyRated, "该评价链接已使用，感谢您的评价。");
        }
    }

    private LinkState StateOf(SatisfactionLink link) =>
        link.UsedUtc is not null ? LinkState.Used : time.UtcNow > link.ExpiresUtc ? LinkState.Expired : LinkState.Valid;

    /// <summary>The shape of a token this class hands out: URL-safe Base64 of 24 bytes. Anything else cannot be a
    /// link and must never reach a redirect's Location header (non-ASCII there is an error, not a 404).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: > 0 and <= 64 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private async Task<(SatisfactionLink Link, string HallName, DateTime CreatedUtc, int HallId)?> FindAsync(string? token, CancellationToken ct)
    {
        if (!IsWellFormed(token)) return null;
        var hash = Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from l in db.SatisfactionLinks.AsNoTracking()
                           join t in db.Tickets on l.TicketId equals t.Id
                           join h in db.Halls on t.HallId equals h.Id
                           where l.TokenHash == hash
                           select new { Link = l, h.Name, t.CreatedUtc, t.HallId }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Link, found.Name, found.CreatedUtc, found.HallId);
    }

    internal static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
