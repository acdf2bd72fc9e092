namespace HallBoard.Hosting;

/// <summary>
/// Headers on every response. The policy fits Blazor Server and MudBlazor: scripts only from this site (the one
/// inline handler, the incident report's print button, by its hash), inline styles allowed (MudBlazor sets them),
/// the circuit's WebSocket to this site. No page may be framed, except the wall pages by the hall's own kiosk shell.
/// </summary>
public static class SecurityHeaders
{
    private const string PrintButtonHash = "'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='";

    public const string Policy =
        "default-src 'self'; script-src 'self' 'unsafe-hashes' " + PrintButtonHash + "; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    public static string PolicyFor(PathString path) =>
        Policy + (path.StartsWithSegments("/wall") ? "frame-ancestors 'self'" : "frame-ancestors 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var headers = ctx.Response.Headers;
            headers.ContentSecurityPolicy = PolicyFor(ctx.Request.Path);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(ctx);
    });
}
