using System.Security.Claims;
using HallBoard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Account;

/// <summary>Puts the user's display name, hall and engineer record into the sign-in cookie.</summary>
public sealed class HallClaimsFactory(UserManager<HallUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HallUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HallUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HallClaims.DisplayName, user.DisplayName));
        if (user.HallId is int hall) identity.AddClaim(new Claim(HallClaims.HallId, hall.ToString()));
        if (user.EngineerId is int engineer) identity.AddClaim(new Claim(HallClaims.EngineerId, engineer.ToString()));
        return identity;
    }
}
