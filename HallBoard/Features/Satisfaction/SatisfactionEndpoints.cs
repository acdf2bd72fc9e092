using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace HallBoard.Features.Satisfaction;

/// <summary>
/// The taxpayer's rating page, and the tablet hand-over lock: while an engineer's tablet is handed
/// to a taxpayer, every engineer page leads back to the rating page until the engineer unlocks it
/// with their password.
/// </summary>
public static class SatisfactionEndpoints
{
    public const string HandoverCookie = "HallBoard.Handover";
    private const string Purpose = "HallBoard.Handover.v1";

    public static IEndpointRouteBuilder MapSatisfactionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/rate/{token}", RateAsync).AllowAnonymous();
        // A POST with antiforgery: a link or an image on another site cannot lock an engineer's tablet.
        app.MapPost("/tickets/{id:int}/handover", HandOverAsync).RequireRoles(Policies.Staff)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/account/unlock", TabletUnlock.UnlockAsync).RequireAuthorization();
        return app;
    }

    public static IApplicationBuilder UseHandoverLock(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var token = LockedToken(ctx);
        var path = ctx.Request.Path;
        if (token is not null && !IsOpenWhileLocked(path))
        {
            ctx.Response.Redirect($"/rate/{token}");
            return;
        }
        if (token is not null) ctx.Response.Headers.CacheControl = "no-store";
        await next();
    });

    public static string? LockedToken(HttpContext ctx)
    {
        if (!ctx.Request.Cookies.TryGetValue(HandoverCookie, out var value) || string.IsNullOrEmpty(value)) return null;
        try { return Protector(ctx).Unprotect(value); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    private static bool IsOpenWhileLocked(PathString path) =>
        path.StartsWithSegments("/rate") || path.StartsWithSegments("/account/unlock") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/assets") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/app.css") || path.StartsWithSegments("/favicon.ico");

    private static async Task<IResult> HandOverAsync(int id, HttpContext ctx, SatisfactionLinks links)
    {
        // The endpoint asks for antiforgery, so ExpiredForms has already refused a failed token; this endpoint reads no
        // form, so it also refuses here when no check ran at all (fails closed if the pipeline ever changes).
        if (ctx.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return Results.Problem(ExpiredForms.Message, statusCode: StatusCodes.Status400BadRequest, title: "请求无效");
        try
        {
            var token = await links.CreateAsync(id, RatingSource.HandedTablet, ctx.User.ToActor(), ctx.RequestAborted);
            ctx.Response.Cookies.Append(HandoverCookie, Protector(ctx).Protect(token),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps, IsEssential = true });
            return Results.Redirect($"/rate/{token}");
        }
        catch (HallBoardException ex)
        {
            return Results.Redirect($"/tickets/{id}?error={HandoverError.CodeOf(ex)}");
        }
    }

    private static async Task<IResult> RateAsync(string token, [FromForm] int? level, [FromForm] string? comment, HttpContext ctx, SatisfactionLinks links)
    {
        if (!SatisfactionLinks.IsWellFormed(token))
            return TypedResults.Problem("评价链接无效，请向工作人员索取新的评价二维码。", statusCode: StatusCodes.Status404NotFound, title: "评价链接无效");
        try
        {
            if (level is not int l || !Enum.IsDefined((SatisfactionLevel)l))
                throw ValidationFailedException.For("level", "请选择一个满意度等级。");
            await links.RateAsync(token, (SatisfactionLevel)l, comment);
            return Results.Redirect($"/rate/{Uri.EscapeDataString(token)}?done=true");
        }
        catch (HallBoardException ex)
        {
            return Results.Redirect($"/rate/{Uri.EscapeDataString(token)}?error={PageMessage.Seal(ctx, ex.Message)}");
        }
    }

    internal static IDataProtector Protector(HttpContext ctx) =>
        ctx.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
