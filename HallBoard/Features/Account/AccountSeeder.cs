using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Account;

/// <summary>Roles always; the first admin from configuration; never a default password.</summary>
public sealed class AccountSeeder(
    UserManager<HallUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<HallDbContext> dbFactory,
    IConfiguration config)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
    }

    /// <summary>
    /// Outside Development there are no demo accounts, so the first admin must come from
    /// "Bootstrap:AdminUser" and "Bootstrap:AdminPassword"; without one the app refuses to start.
    /// </summary>
    public async Task EnsureFirstAdminAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            await EnsureSecondAdminAsync();
            return;
        }
        var name = config["Bootstrap:AdminUser"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException(
                "没有管理员账户：请通过配置 Bootstrap:AdminUser 和 Bootstrap:AdminPassword 设置首个管理员。" +
                " No admin account exists: set Bootstrap:AdminUser and Bootstrap:AdminPassword.");
        await CreateUserAsync(name, "系统管理员", password, Roles.Admin, null, null);
        await EnsureSecondAdminAsync();
    }

    /// <summary>
    /// Permission grants need a second admin to approve them ("Bootstrap:SecondAdminUser" and
    /// "Bootstrap:SecondAdminPassword"), so rights can be granted from the first day. Created once, by name.
    /// </summary>
    private async Task EnsureSecondAdminAsync()
    {
        var name = config["Bootstrap:SecondAdminUser"];
        var password = config["Bootstrap:SecondAdminPassword"];
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(password)) return;
        if (await users.FindByNameAsync(name) is not null) return;
        await CreateUserAsync(name, "系统管理员（复核）", password, Roles.Admin, null, null);
    }

    public async Task<HallUser> CreateUserAsync(string userName, string displayName, string password, string role, int? hallId, int? engineerId)
    {
        // Wall screens are never locked out (a guesser could darken the hall's screen); the address throttle guards them.
        var user = new HallUser { UserName = userName, DisplayName = displayName, HallId = hallId, EngineerId = engineerId, LockoutEnabled = role != Roles.Display };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRoleAsync(user, role), $"role of {userName}");
        if (engineerId is int id)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var engineer = await db.Engineers.FirstAsync(e => e.Id == id);
            engineer.UserId = user.Id;
            await db.SaveChangesAsync();
        }
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
