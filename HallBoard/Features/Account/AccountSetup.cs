using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Account;

public static class AccountSetup
{
    public static WebApplicationBuilder AddHallAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<HallUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HallDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<HallClaimsFactory>();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.ReturnUrlParameter = "returnUrl";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "HallBoard.Auth";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // API and hub callers get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AccountSeeder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHallAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignInAsync).AllowAnonymous();
        app.MapPost("/account/logout", async (SignInManager<HallUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<HallUser> signIn, IDbContextFactory<HallDbContext> dbFactory, HallTime time)
    {
        var back = SafeReturnUrl(returnUrl);
        var name = (userName ?? "").Trim();
        if (name.Length == 0 || string.IsNullOrEmpty(password) || name.Length > 100)
            return Results.LocalRedirect($"/login?error=empty&returnUrl={Uri.EscapeDataString(back)}");

        var result = await signIn.PasswordSignInAsync(name, password, isPersistent: false, lockoutOnFailure: true);
        var user = await signIn.UserManager.FindByNameAsync(name);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var actor = new Actor(user?.Id ?? $"unknown:{name}", user?.DisplayName ?? name, user?.EngineerId, user?.HallId);
            var outcome = result.Succeeded ? "成功" : result.IsLockedOut ? "账户已锁定" : "密码错误或用户不存在";
            db.Audit(actor, time.UtcNow, result.Succeeded ? "登录成功" : "登录失败", "User", name, null, outcome);
            await db.SaveChangesAsync();
        }
        if (result.Succeeded) return Results.LocalRedirect(back);
        var error = result.IsLockedOut ? "locked" : "invalid";
        return Results.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
    }

    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
