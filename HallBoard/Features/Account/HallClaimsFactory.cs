using System.Security.Claims;
using HallBoard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Account;

/// <summary>Puts the user's display name, hall, engineer record and (Bureau accounts) supervised halls into the sign-in cookie.</summary>
public sealed class HallClaimsFactory(UserManager<HallUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    HallDbContext db)
    : UserClaimsPrincipalFactory<HallUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HallUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HallClaims.DisplayName, user.DisplayName));
        if (user.HallId is int hall) identity.AddClaim(new Claim(HallClaims.HallId, hall.ToString()));
        if (user.EngineerId is int engineer) identity.AddClaim(new Claim(HallClaims.EngineerId, engineer.ToString()));
        // Only a Bureau account supervises halls; a row left from an earlier role gives nothing.
        if (user.HallId is not null && identity.HasClaim(identity.RoleClaimType, Roles.Bureau))
        {
            var supervised = await db.AccountHalls.AsNoTracking().Where(a => a.UserId == user.Id).Select(a => a.HallId).ToListAsync();
            foreach (var other in supervised.Order())
                identity.AddClaim(new Claim(HallClaims.SupervisedHall, other.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
