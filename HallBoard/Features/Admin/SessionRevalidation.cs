using System.Security.Claims;
using HallBoard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Admin;

/// <summary>
/// Re-checks an open Blazor session against the account every <c>Account:RevalidateSeconds</c> (default 30): a
/// changed security stamp (role, hall or lock changed) or a lock signs the circuit out, so access ends within 60 s
/// without waiting for the next page load.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity,
    IOptions<SessionRevalidationOptions> options) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HallUser>>();
        var user = await users.GetUserAsync(state.User);
        // A lock by an admin changes the stamp too; failed passwords alone must not end someone else's open session.
        if (user is null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

public sealed class SessionRevalidationOptions
{
    public const int DefaultSeconds = 30;

    public int RevalidateSeconds { get; set; } = DefaultSeconds;

    /// <summary>Kept between 1 and 60 seconds: the promise is that access ends within 60 s.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(RevalidateSeconds, 1, 60));
}
