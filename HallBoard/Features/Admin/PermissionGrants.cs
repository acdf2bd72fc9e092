using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin;

public sealed record GrantRow(int Id, GrantSubject Subject, string SubjectName, string Change, string Reason, string RequestedByName,
    DateTime RequestedUtc, GrantState State, string? DecidedByName, DateTime? DecidedUtc, string? RevokedByName, DateTime? RevokedUtc);

/// <summary>Requests, approvals, refusals and revocations of rights (docs/security.md); each one audited in its own save.</summary>
public sealed class PermissionGrants(IDbContextFactory<HallDbContext> dbFactory, IServiceScopeFactory scopes, HallTime time)
{
    public async Task<IReadOnlyList<GrantRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var halls = await HallCodesAsync(db, ct);
        var grants = await db.PermissionGrants.AsNoTracking().OrderBy(g => g.State != GrantState.Requested)
            .ThenByDescending(g => g.Id).Take(500).ToListAsync(ct);
        return grants.Select(g => new GrantRow(g.Id, g.Subject, g.SubjectName, Describe(g, halls), g.Reason, g.RequestedByName,
            g.RequestedUtc, g.State, g.DecidedByName, g.DecidedUtc, g.RevokedByName, g.RevokedUtc)).ToList();
    }

    /// <param name="supervisedHalls">For a Bureau account: the further halls it supervises after approval (replacing the set it
    /// has; empty = none); null leaves them.</param>
    public async Task<int> RequestForAccountAsync(string userId, string? role, int? hallId, string? reason, Actor actor, CancellationToken ct = default,
        IReadOnlyCollection<int>? supervisedHalls = null)
    {
        actor.RequireRole(Roles.Admin);
        if (role is not null && !Roles.All.Contains(role)) throw ValidationFailedException.For("role", "未知的角色。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct)
                   ?? throw ValidationFailedException.For("userId", "账号不存在。");
        await RequireHallAsync(db, hallId, ct);
        string? supervised = null;
        if (supervisedHalls is not null)
        {
            var bureauRoleId = await db.Roles.Where(r => r.Name == Roles.Bureau).Select(r => r.Id).FirstOrDefaultAsync(ct);
            var isBureau = role is null
                ? await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == bureauRoleId, ct)
                : role == Roles.Bureau;
            if (!isBureau)
                throw ValidationFailedException.For("supervisedHalls", "只有“税务局运维主管部门”角色的账号可以监管其他服务厅。");
            var home = hallId ?? user.HallId;
            if (home is null) throw ValidationFailedException.For("hallId", "请先为该账号指定所属服务厅，再设置监管的服务厅。");
            var ids = supervisedHalls.Where(h => h != home).Distinct().ToList();
            foreach (var h in ids) await RequireHallAsync(db, h, ct);
            supervised = AccountHall.Format(ids);
        }
        var grant = PermissionGrant.ForAccount(user.Id, user.UserName ?? user.Id, role, hallId, reason, actor, time.UtcNow, supervised);
        return await AddAsync(db, grant, actor, ct);
    }

    public async Task<int> RequestForApiKeyAsync(int keyId, int? hallId, bool allHalls, IEnumerable<string> scopes, string? reason, Actor actor,
        CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        var normalized = ApiScopes.Normalize(scopes);
        if (normalized.Length == 0) throw ValidationFailedException.For("scopes", "请至少选择一个权限范围。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedUtc == null, ct)
                  ?? throw ValidationFailedException.For("apiKeyId", "密钥不存在或已吊销。");
        await RequireHallAsync(db, allHalls ? null : hallId, ct);
        var grant = PermissionGrant.ForApiKey(key.Id, key.Name, hallId, allHalls, normalized, reason, actor, time.UtcNow);
        return await AddAsync(db, grant, actor, ct);
    }

    public async Task ApproveAsync(int id, Actor actor, CancellationToken ct = default) =>
        await DecideAsync(id, actor, "批准授权", async (work, grant, now) =>
        {
            grant.Approve(actor, now);
            await GrantEffects.ApplyAsync(work, grant, ct);
        }, ct);

    public async Task RefuseAsync(int id, Actor actor, CancellationToken ct = default) =>
        await DecideAsync(id, actor, "拒绝授权", (_, grant, now) =>
        {
            grant.Refuse(actor, now);
            return Task.CompletedTask;
        }, ct);

    public async Task RevokeAsync(int id, Actor actor, CancellationToken ct = default) =>
        await DecideAsync(id, actor, "撤销授权", async (work, grant, now) =>
        {
            grant.Revoke(actor, now);
            await GrantEffects.UndoAsync(work, grant, ct);
        }, ct);

    private async Task DecideAsync(int id, Actor actor, string action, Func<IdentityWork, PermissionGrant, DateTime, Task> decide, CancellationToken ct)
    {
        actor.RequireRole(Roles.Admin);
        await using var work = await IdentityWork.BeginAsync(scopes, ct);
        var grant = await work.Db.PermissionGrants.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("授权申请不存在。");
        var now = time.UtcNow;
        var before = grant.State.ToString();
        await decide(work, grant, now);
        var halls = await HallCodesAsync(work.Db, ct);
        work.Db.Audit(actor, now, action, nameof(PermissionGrant), grant.Id.ToString(), before,
            $"{grant.SubjectName}：{Describe(grant, halls)}（{grant.State}）", grant.HallId);
        await work.CommitAsync(ct);
    }

    private async Task<int> AddAsync(HallDbContext db, PermissionGrant grant, Actor actor, CancellationToken ct)
    {
        var halls = await HallCodesAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.PermissionGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, grant.RequestedUtc, "申请授权", nameof(PermissionGrant), grant.Id.ToString(), null,
            $"{grant.SubjectName}：{Describe(grant, halls)}；理由：{grant.Reason}", grant.HallId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return grant.Id;
    }

    private static async Task RequireHallAsync(HallDbContext db, int? hallId, CancellationToken ct)
    {
        if (hallId is int h && !await db.Halls.AnyAsync(x => x.Id == h, ct)) throw ValidationFailedException.For("hallId", "服务厅不存在。");
    }

    private static Task<Dictionary<int, string>> HallCodesAsync(HallDbContext db, CancellationToken ct) =>
        db.Halls.AsNoTracking().ToDictionaryAsync(h => h.Id, h => h.Code, ct);

    private static string Describe(PermissionGrant g, Dictionary<int, string> halls) =>
        g.Change(Roles.Label, h => h is int id && halls.TryGetValue(id, out var code) ? code : "—");
}
