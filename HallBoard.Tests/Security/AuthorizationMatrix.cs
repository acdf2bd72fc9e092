using System.Reflection;
using System.Security.Claims;
using System.Text;
using HallBoard.Features.Account;
using HallBoard.Features.Api;
using HallBoard.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Security;

/// <summary>
/// Who may reach each page, endpoint and hub method, read from the app's own authorization metadata
/// (the [Authorize] attributes of pages, RequireAuthorization of endpoints, policies) — the gate before
/// any service runs. The services then check role and hall again.
/// </summary>
public static class AuthorizationMatrix
{
    public const string Begin = "<!-- authorization-matrix:begin -->";
    public const string End = "<!-- authorization-matrix:end -->";

    private static readonly (string Column, ClaimsPrincipal Principal)[] Principals =
    [
        ("Engineer", Person(Roles.Engineer)),
        ("HallLead", Person(Roles.HallLead)),
        ("Manager", Person(Roles.Manager)),
        ("Admin", Person(Roles.Admin)),
        ("Display", Person(Roles.Display)),
        ("Bureau", Person(Roles.Bureau)),
        ("API key", ApiKeyHolder()),
        ("anonymous", new ClaimsPrincipal(new ClaimsIdentity())),
    ];

    public sealed record Row(string Kind, string Route, string Methods, IReadOnlyList<bool> Allowed);

    public static async Task<IReadOnlyList<Row>> BuildAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var rows = new List<Row>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (IsFrameworkPlumbing(endpoint, route)) continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m
                ? string.Join(",", m.Order()) : "any";
            var kind = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
                ? "page" : route.StartsWith("/hubs/") ? "hub" : "endpoint";
            rows.Add(new Row(kind, route, methods, await AllowedAsync(endpoint.Metadata, policies, authorization)));
        }
        rows.AddRange(await HubMethodsAsync(policies, authorization));
        return rows.DistinctBy(r => (r.Kind, r.Route, r.Methods)).OrderBy(r => r.Route, StringComparer.Ordinal)
            .ThenBy(r => r.Methods, StringComparer.Ordinal).ToList();
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(Begin);
        text.AppendLine($"| kind | route | methods | {string.Join(" | ", Principals.Select(p => p.Column))} |");
        text.AppendLine($"|---|---|---|{string.Concat(Principals.Select(_ => "---|"))}");
        foreach (var row in rows)
            text.AppendLine($"| {row.Kind} | `{row.Route}` | {row.Methods} | {string.Join(" | ", row.Allowed.Select(a => a ? "✓" : "—"))} |");
        text.AppendLine(End);
        return text.ToString();
    }

    private static async Task<IEnumerable<Row>> HubMethodsAsync(IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
    {
        var hubData = typeof(HallHub).GetCustomAttributes<AuthorizeAttribute>().Cast<object>().ToList();
        var rows = new List<Row>();
        foreach (var method in typeof(HallHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.Name is nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync) || method.IsSpecialName) continue;
            var metadata = new EndpointMetadataCollection(hubData.Concat(method.GetCustomAttributes<AuthorizeAttribute>()));
            rows.Add(new Row("hub method", $"{HallHub.Path} {method.Name}", "invoke", await AllowedAsync(metadata, policies, authorization)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<bool>> AllowedAsync(
        EndpointMetadataCollection metadata, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null) return Principals.Select(_ => true).ToList();
        var policy = await AuthorizationPolicy.CombineAsync(policies,
            metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is null) return Principals.Select(_ => true).ToList();
        var allowed = new List<bool>();
        foreach (var (_, principal) in Principals)
        {
            // The sign-in cookie is the default scheme; an API key is read only where a policy names its scheme.
            // A principal of a scheme the endpoint does not read is, there, not signed in.
            var scheme = principal.Identity?.AuthenticationType;
            var read = policy.AuthenticationSchemes.Count == 0
                ? scheme == IdentityConstants.ApplicationScheme
                : scheme is not null && policy.AuthenticationSchemes.Contains(scheme);
            var effective = read ? principal : new ClaimsPrincipal(new ClaimsIdentity());
            allowed.Add((await authorization.AuthorizeAsync(effective, null, policy)).Succeeded);
        }
        return allowed;
    }

    private static bool IsFrameworkPlumbing(Endpoint endpoint, string route) =>
        route.StartsWith("/_blazor") || route.StartsWith("/_framework") || route.StartsWith("/_content")
        || endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true
        || (Path.HasExtension(route) && !route.Contains('{') && !route.EndsWith(".xlsx") && !route.EndsWith(".json"));

    private static ClaimsPrincipal Person(string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, role), new Claim(ClaimTypes.Role, role), new Claim(HallClaims.HallId, "1")],
        IdentityConstants.ApplicationScheme));

    private static ClaimsPrincipal ApiKeyHolder() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "api:1"), new Claim(ClaimTypes.Role, ApiKeyAuthentication.IntegrationRole),
            new Claim(HallClaims.HallId, "1"), new Claim(HallClaims.Scope, "read"), new Claim(HallClaims.Scope, "write"),
        ],
        ApiKeyAuthentication.SchemeName));
}
