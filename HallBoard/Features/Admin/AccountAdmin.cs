using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin;

public sealed record AccountRow(string Id, string UserName, string DisplayName, string? Role, int? HallId, string? HallCode,
    int? EngineerId, string? EngineerName, bool Locked, IReadOnlyList<string>? SupervisedHallCodes = null);

/// <summary>
/// Accounts (Admin only). A new account has no role and no hall: rights come only through an approved
/// permission grant. Locking takes effect at once and ends open sessions.
/// </summary>
public sealed class AccountAdmin(IDbContextFactory<HallDbContext> dbFactory, IServiceScopeFactory scopes, HallTime time)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var rows = await (
            from u in db.Users.AsNoTracking()
            select new
            {
                u.Id, u.UserName, u.DisplayName, u.HallId, u.EngineerId, u.LockoutEnd,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                HallCode = db.Halls.Where(h => h.Id == u.HallId).Select(h => h.Code).FirstOrDefault(),
                EngineerName = db.Engineers.Where(e => e.Id == u.EngineerId).Select(e => e.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var supervised = (await (from a in db.AccountHalls.AsNoTracking() join h in db.Halls on a.HallId equals h.Id select new { a.UserId, h.Code })
            .ToListAsync(ct)).ToLookup(a => a.UserId, a => a.Code);
        return rows.OrderBy(r => r.UserName)
            .Select(r => new AccountRow(r.Id, r.UserName ?? "", r.DisplayName, r.Role, r.HallId, r.HallCode, r.EngineerId, r.EngineerName,
                r.LockoutEnd is { } end && end.UtcDateTime > now,
                r.Role == Roles.Bureau ? supervised[r.Id].Order().ToList() : null))
            .ToList();
    }

    public async Task<string> CreateAsync(string? userName, string? displayName, string? password, int? engineerId, Actor actor,
        CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        var name = (userName ?? "").Trim();
        var display = (displayName ?? "").Trim();
        var errors = new Dictionary<string, string[]>();
        if (!PeopleRules.UserName().IsMatch(name)) errors["userName"] = ["用户名须为 3-50 位字母、数字或 . _ @ -。"];
        if (display.Length is 0 or > 50) errors["displayName"] = ["请填写显示名称（最多 50 字）。"];
        else if (TextRules.HasMarkup(display)) errors["displayName"] = ["显示名称" + TextRules.MarkupMessage];
        if (string.IsNullOrEmpty(password)) errors["password"] = ["请填写初始密码。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        await using var work = await IdentityWork.BeginAsync(scopes, ct);
        Engineer? engineer = null;
        if (engineerId is int id)
        {
            engineer = await work.Db.Engineers.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw ValidationFailedException.For("engineerId", "工程师不存在。");
            if (!engineer.IsActive) throw ValidationFailedException.For("engineerId", "该工程师已离职，不能开通账号。");
            if (engineer.UserId is not null) throw ValidationFailedException.For("engineerId", "该工程师已有账号。");
        }
        var user = new HallUser { UserName = name, DisplayName = display, EngineerId = engineer?.Id, LockoutEnabled = true };
        IdentityWork.Check(await work.Users.CreateAsync(user, password!));
        if (engineer is not null) engineer.UserId = user.Id;
        work.Db.Audit(actor, time.UtcNow, "创建账号", "User", name, null,
            $"{display}{(engineer is null ? "" : $"，关联工程师 {engineer.Name}（{engineer.EmployeeNo}）")}，无角色、无服务厅", engineer?.HallId);
        await work.CommitAsync(ct);
        return user.Id;
    }

    /// <summary>Locks (or unlocks) an account at once; open sessions end within the revalidation interval.</summary>
    public async Task SetLockedAsync(string userId, bool locked, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        if (locked && userId == actor.Id) throw ValidationFailedException.For("userId", "不能锁定自己的账号。");
        await using var work = await IdentityWork.BeginAsync(scopes, ct);
        var user = await work.UserAsync(userId);
        IdentityWork.Check(await work.Users.SetLockoutEnabledAsync(user, true));
        IdentityWork.Check(await work.Users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null));
        if (!locked) IdentityWork.Check(await work.Users.ResetAccessFailedCountAsync(user));
        await work.ExpireSessionsAsync(user);
        work.Db.Audit(actor, time.UtcNow, locked ? "锁定账号" : "解锁账号", "User", user.UserName,
            locked ? "正常" : "锁定", locked ? "锁定" : "正常", user.HallId);
        await work.CommitAsync(ct);
    }
}
