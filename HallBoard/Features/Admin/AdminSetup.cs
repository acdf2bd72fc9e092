using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace HallBoard.Features.Admin;

public static class AdminSetup
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<HallAdmin>();
        services.AddSingleton<PeopleAdmin>();
        services.AddSingleton<AccountAdmin>();
        services.AddSingleton<PermissionGrants>();

        var section = builder.Configuration.GetSection("Account");
        services.Configure<SessionRevalidationOptions>(section);
        var interval = section.Get<SessionRevalidationOptions>()?.Interval ?? new SessionRevalidationOptions().Interval;
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        // Cookies are re-checked against the security stamp as often as open circuits are.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = interval);
        return builder;
    }
}
