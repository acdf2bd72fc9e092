using HallBoard.Data;
using Microsoft.AspNetCore.Identity;

namespace HallBoard.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignInEndpoint.SignInAsync).AllowAnonymous();
        app.MapPost("/account/logout", SignOutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignOutAsync(SignInManager<HallUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }
}
