using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Storage;

namespace HallBoard.Features.Admin;

/// <summary>
/// One command that changes accounts: a scope whose UserManager and context share one connection and one
/// transaction, so Identity's own saves, the feature's rows and the audit entries commit together or not at all.
/// </summary>
internal sealed class IdentityWork : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private IDbContextTransaction _transaction = default!;

    private IdentityWork(AsyncServiceScope scope)
    {
        _scope = scope;
        Users = scope.ServiceProvider.GetRequiredService<UserManager<HallUser>>();
        Db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
    }

    public UserManager<HallUser> Users { get; }
    public HallDbContext Db { get; }

    public static async Task<IdentityWork> BeginAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var work = new IdentityWork(scopes.CreateAsyncScope());
        work._transaction = await work.Db.Database.BeginTransactionAsync(ct);
        return work;
    }

    public async Task<HallUser> UserAsync(string id) =>
        await Users.FindByIdAsync(id) ?? throw new NotFoundException("账号不存在。");

    public async Task CommitAsync(CancellationToken ct)
    {
        await Db.SaveChangesAsync(ct);
        await _transaction.CommitAsync(ct);
    }

    /// <summary>Ends every open session of the user: cookies and Blazor circuits compare this stamp.</summary>
    public async Task ExpireSessionsAsync(HallUser user) => Check(await Users.UpdateSecurityStampAsync(user));

    /// <summary>Identity's errors in the words an admin reads.</summary>
    public static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        var codes = result.Errors.Select(e => e.Code).ToList();
        if (codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal)))
            throw ValidationFailedException.For("password", "初始密码至少 8 位，须同时包含大写字母、小写字母和数字。");
        if (codes.Contains("DuplicateUserName")) throw ValidationFailedException.For("userName", "该用户名已被使用。");
        if (codes.Contains("InvalidUserName")) throw ValidationFailedException.For("userName", "用户名只能包含字母、数字和 . _ @ -。");
        throw ValidationFailedException.For("account", "账号保存失败：" + string.Join("；", result.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _scope.DisposeAsync();
    }
}
