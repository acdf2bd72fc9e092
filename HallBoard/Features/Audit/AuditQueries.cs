using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Validation;
using HallBoard.Features.Account;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Audit;

/// <summary>What the audit page asks for. Dates are the hall's local days, both inclusive.</summary>
public sealed record AuditFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Part of the actor's display name or id.</summary>
    public string? Actor { get; init; }

    /// <summary>One exact action, e.g. "登录失败".</summary>
    public string? Action { get; init; }

    /// <summary>Part of the entity id, e.g. a ticket number or a user name.</summary>
    public string? EntityId { get; init; }

    /// <summary>When set, only this hall's entries and those that belong to no hall (sign-ins of unknown
    /// names, system-wide settings); null means every hall.</summary>
    public int? HallId { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

public sealed record AuditRow(
    long Id, DateTime AtUtc, string ActorId, string ActorName, string Action, string EntityType, string? EntityId,
    string? Before, string? After);

public sealed record AuditResults(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize);

/// <summary>Read side of the key-operation log (关键操作日志), newest first.</summary>
public sealed class AuditQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const int MaxPageSize = 200;

    /// <summary>(page - 1) × size must not overflow; nobody pages this far by hand.</summary>
    public const int MaxPage = 10_000;

    /// <summary>What this reader may see: an admin every hall, a hall lead its own; anyone else, or a lead without a
    /// hall, is refused (ForbiddenException).</summary>
    public static AuditFilter Scoped(Actor actor, AuditFilter filter)
    {
        actor.RequireRole(Roles.Admin, Roles.HallLead);
        return filter with { HallId = actor.HallScope };
    }

    public Task<AuditResults> ListAsync(Actor actor, AuditFilter filter, CancellationToken ct = default) =>
        ListAsync(Scoped(actor, filter), ct);

    public async Task<AuditResults> ListAsync(AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Filtered(db, filter);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Clamp(filter.Page, 1, MaxPage);
        var rows = await q
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(a => new AuditRow(a.Id, a.AtUtc, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After))
            .ToListAsync(ct);
        return new AuditResults(rows, total, page, size);
    }

    internal IQueryable<AuditEntry> Filtered(HallDbContext db, AuditFilter filter)
    {
        if (filter.From is DateOnly early && DayRange.DayProblem(early, "开始日期") is { } tooEarly)
            throw ValidationFailedException.For("from", tooEarly);
        if (filter.To is DateOnly late && DayRange.DayProblem(late, "结束日期") is { } tooLate)
            throw ValidationFailedException.For("to", tooLate);
        var q = db.AuditEntries.AsNoTracking();
        if (filter.HallId is int hall) q = q.Where(a => a.HallId == hall || a.HallId == null);
        if (filter.From is DateOnly from)
        {
            var start = time.DayStartUtc(from);
            q = q.Where(a => a.AtUtc >= start);
        }
        if (filter.To is DateOnly to)
        {
            var end = time.DayStartUtc(to.AddDays(1));
            q = q.Where(a => a.AtUtc < end);
        }
        if (Clean(filter.Actor) is { } actor)
            q = q.Where(a => a.ActorName.ToUpper().Contains(actor) || a.ActorId.ToUpper().Contains(actor));
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            q = q.Where(a => a.Action == action);
        }
        if (Clean(filter.EntityId) is { } entity)
            q = q.Where(a => a.EntityId != null && a.EntityId.ToUpper().Contains(entity));
        return q;
    }

    /// <summary>The actions recorded so far, for the page's action filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    // Upper-cased on both sides so that "gx-2026" finds "GX-20260302-0001" on SQLite and PostgreSQL alike.
    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToUpperInvariant();
}
