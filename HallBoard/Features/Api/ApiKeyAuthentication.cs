using System.Security.Claims;
using System.Text.Encodings.Web;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Api;

/// <summary>Accepts "Authorization: Bearer &lt;key&gt;"; "access_token" in the query only where a browser cannot set
/// a header: opening the hub's WebSocket or event stream (a key in a URL ends up in logs, so nowhere else).</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string IntegrationRole = "Integration";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = header["Bearer ".Length..].Trim();
        else if (IsBrowserHubTransport(Request) && Request.Query.TryGetValue("access_token", out var token)) key = token.ToString();
        if (key is null) return AuthenticateResult.NoResult();

        var found = await keys.FindActiveAsync(key, Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("接口密钥无效或已吊销。");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"api:{found.Id}"),
            new Claim(ClaimTypes.Name, found.Name),
            new Claim(HallClaims.DisplayName, $"接口：{found.Name}"),
            new Claim(ClaimTypes.Role, IntegrationRole),
        ], SchemeName);
        if (found.HallId is int hall) identity.AddClaim(new Claim(HallClaims.HallId, hall.ToString()));
        if (found.AllHalls) identity.AddClaim(new Claim(HallClaims.AllHalls, "true"));
        foreach (var scope in found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            identity.AddClaim(new Claim(HallClaims.Scope, scope));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool IsBrowserHubTransport(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && !request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal)
        && (request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsConnect(request.Method)
            || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
