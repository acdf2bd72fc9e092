using HallBoard.Data;
using Microsoft.AspNetCore.Identity;

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
        builder.Services.AddHallPolicies();
        builder.Services.AddScoped<AccountSeeder>();
        builder.Services.Configure<SignInOptions>(builder.Configuration.GetSection("SignIn"));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<UnknownSignIns>();
        builder.Services.AddHostedService<UnknownSignInFlusher>();
        return builder;
    }

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
