using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Account;

/// <summary>
/// POST /account/login. Unknown name, wrong password and locked account get the same answer and the same audit
/// outcome, so neither the form nor the audit trail tells a guesser which names exist. Wall accounts are exempt
/// from lockout; the address throttle stands in for it.
/// </summary>
public static class SignInEndpoint
{
    public const string FailedOutcome = "用户名或密码错误，或账户已锁定";
    // Hashed when the name is unknown, so an unknown name takes as long to refuse as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<HallUser>().HashPassword(new HallUser(), "not-a-password");

    public static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext ctx,
        SignInManager<HallUser> signIn, SignInThrottle throttle, UnknownSignIns unknown,
        IDbContextFactory<HallDbContext> dbFactory, HallTime time)
    {
        var back = SafeReturnUrl(returnUrl);
        var name = (userName ?? "").Trim();
        if (name.Length == 0 || string.IsNullOrEmpty(password) || name.Length > 100) return Back("empty", back);

        var address = ClientAddress.Of(ctx);
        if (throttle.IsRefused(address))
        {
            unknown.AddThrottled(address);
            return Back("throttled", back);
        }

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(name);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new HallUser(), DummyHash, password);
            throttle.RecordFailure(address);
            unknown.AddUnknownName(address, name);
            await unknown.FlushAsync();
            return Back("invalid", back);
        }

        var wall = await users.IsInRoleAsync(user, Roles.Display);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: !wall);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var actor = new Actor(user.Id, user.DisplayName, user.EngineerId, user.HallId);
            db.Audit(actor, time.UtcNow, result.Succeeded ? "登录成功" : "登录失败", "User", name, address,
                result.Succeeded ? "成功" : FailedOutcome);
            await db.SaveChangesAsync();
        }
        if (result.Succeeded) return Results.LocalRedirect(back);
        throttle.RecordFailure(address);
        return Back("invalid", back);
    }

    private static IResult Back(string code, string back) =>
        Results.LocalRedirect($"/login?error={code}&returnUrl={Uri.EscapeDataString(back)}");

    /// <summary>A clean local path ("/queue?x=1"), else "/": no scheme, no host, no backslash, no control,
    /// format (bidi) or white-space characters, which a redirect header cannot carry or could be turned against.</summary>
    public static string SafeReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)) return "/";
        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format) return "/";
        }
        return url;
    }
}
