using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin;

/// <summary>What an approved grant changes on its account or key, and how a revocation takes it back.</summary>
internal static class GrantEffects
{
    public static async Task ApplyAsync(IdentityWork work, PermissionGrant grant, CancellationToken ct)
    {
        if (grant.Subject == GrantSubject.ApiKey)
        {
            var key = await KeyAsync(work, grant, ct);
            (grant.BeforeHallId, grant.BeforeAllHalls, grant.BeforeScopes) = (key.HallId, key.AllHalls, key.Scopes);
            key.AllHalls = grant.KeyAllHalls;
            if (!grant.KeyAllHalls) key.HallId = grant.HallId;
            key.Scopes = ApiScopes.Normalize(grant.KeyScopes?.Split(' ') ?? []);
            return;
        }
        var user = await work.UserAsync(grant.UserId!);
        var roles = await work.Users.GetRolesAsync(user);
        (grant.BeforeRole, grant.BeforeHallId) = (roles.FirstOrDefault(), user.HallId);
        if (grant.Role is { } role)
        {
            // A person holds one role: the granted one replaces any other.
            if (roles.Count > 0) IdentityWork.Check(await work.Users.RemoveFromRolesAsync(user, roles));
            IdentityWork.Check(await work.Users.AddToRoleAsync(user, role));
        }
        if (grant.HallId is int hall) user.HallId = hall;
        if (grant.SupervisedHalls is { } halls)
            grant.BeforeSupervisedHalls = await AccountHall.ReplaceAsync(work.Db, user.Id, AccountHall.Parse(halls), ct);
        await work.ExpireSessionsAsync(user);
    }

    public static async Task UndoAsync(IdentityWork work, PermissionGrant grant, CancellationToken ct)
    {
        if (grant.Subject == GrantSubject.ApiKey)
        {
            var key = await KeyAsync(work, grant, ct);
            (key.HallId, key.AllHalls, key.Scopes) = (grant.BeforeHallId, grant.BeforeAllHalls, grant.BeforeScopes ?? ApiScopes.Read);
            return;
        }
        var user = await work.UserAsync(grant.UserId!);
        if (grant.Role is { } role && await work.Users.IsInRoleAsync(user, role))
            IdentityWork.Check(await work.Users.RemoveFromRoleAsync(user, role));
        if (grant.HallId is int hall && user.HallId == hall) user.HallId = grant.BeforeHallId;
        if (grant.SupervisedHalls is not null)
            await AccountHall.ReplaceAsync(work.Db, user.Id, AccountHall.Parse(grant.BeforeSupervisedHalls), ct);
        await work.ExpireSessionsAsync(user);
    }

    private static async Task<ApiKey> KeyAsync(IdentityWork work, PermissionGrant grant, CancellationToken ct) =>
        await work.Db.ApiKeys.FirstOrDefaultAsync(k => k.Id == grant.ApiKeyId, ct) ?? throw new NotFoundException("密钥不存在。");
}
