using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Admin;

/// <summary>The demo app with the second admin from "Bootstrap:SecondAdminUser", so grants have a second person.</summary>
public sealed class AdminAppFactory : HallAppFactory
{
    public const string SecondAdmin = "admin2";

    public AdminAppFactory()
    {
        Settings["Bootstrap:SecondAdminUser"] = SecondAdmin;
        Settings["Bootstrap:SecondAdminPassword"] = DemoData.Password;
    }

    protected override bool SharesSeededDemo => true;

    public Task<Actor> AdminAsync(string userName = "admin") => WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName) { Roles = new HashSet<string> { Roles.Admin }, AllHalls = true };
    });

    public Task<int> AuditCountAsync(string action, string? entityId = null, int? hallId = null) => WithDbAsync(db =>
        db.AuditEntries.CountAsync(a => a.Action == action && (entityId == null || a.EntityId == entityId) && (hallId == null || a.HallId == hallId)));

    public Task<HallUser> UserAsync(string userName) => WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    public Task<string[]> RolesOfAsync(string userName) => WithDbAsync(db => (
        from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
        where u.UserName == userName select r.Name!).ToArrayAsync());
}
