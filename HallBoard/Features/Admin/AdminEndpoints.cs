using HallBoard.Features.Account;
using HallBoard.Features.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace HallBoard.Features.Admin;

public sealed record HallBody(string? Code, string? Name);
public sealed record EngineerBody(int HallId, string? Name, string? EmployeeNo, string? Phone, string? Major, string? Certificates);
public sealed record LeftBody(bool Left);
public sealed record AccountBody(string? UserName, string? DisplayName, string? Password, int? EngineerId);
public sealed record AccountGrantBody(string UserId, string? Role, int? HallId, string? Reason, int[]? SupervisedHalls = null);
public sealed record ApiKeyGrantBody(int ApiKeyId, int? HallId, bool AllHalls, string[]? Scopes, string? Reason);

/// <summary>The admin pages' commands as JSON for a signed-in Admin (cookie), with the same service rules.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin")
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin })
            .AddEndpointFilter<ApiProblemFilter>()
            // A refused cookie caller gets a bare 401/403, not the not-found page re-executed as a POST.
            .WithMetadata(new SkipStatusCodePages())
            .ExcludeFromDescription();

        api.MapGet("/halls", (HallAdmin halls, HttpContext http, CancellationToken ct) => halls.ListAsync(http.User.ToActor(), ct));
        api.MapPost("/halls", async (HallBody body, HallAdmin halls, HttpContext http, CancellationToken ct) =>
            Results.Created($"/api/admin/halls/{await halls.CreateAsync(body.Code, body.Name, http.User.ToActor(), ct)}", null));
        api.MapPut("/halls/{id:int}", async (int id, HallBody body, HallAdmin halls, HttpContext http, CancellationToken ct) =>
        {
            await halls.UpdateAsync(id, body.Code, body.Name, http.User.ToActor(), ct);
            return Results.NoContent();
        });

        api.MapGet("/engineers", (int? hallId, PeopleAdmin people, HttpContext http, CancellationToken ct) =>
            people.ListAsync(http.User.ToActor(), hallId, ct));
        api.MapGet("/engineers/{id:int}", (int id, PeopleAdmin people, HttpContext http, CancellationToken ct) =>
            people.GetAsync(id, http.User.ToActor(), ct));
        api.MapPost("/engineers", async (EngineerBody b, PeopleAdmin people, HttpContext http, CancellationToken ct) =>
            Results.Created($"/api/admin/engineers/{await people.CreateAsync(b.HallId, b.Name, b.EmployeeNo, b.Phone, b.Major, b.Certificates, http.User.ToActor(), ct)}", null));
        api.MapPut("/engineers/{id:int}", async (int id, EngineerBody b, PeopleAdmin people, HttpContext http, CancellationToken ct) =>
        {
            await people.UpdateAsync(id, b.Name, b.EmployeeNo, b.Phone, b.Major, b.Certificates, http.User.ToActor(), ct);
            return Results.NoContent();
        });
        api.MapPost("/engineers/{id:int}/left", async (int id, LeftBody b, PeopleAdmin people, HttpContext http, CancellationToken ct) =>
        {
            await people.SetLeftAsync(id, b.Left, http.User.ToActor(), ct);
            return Results.NoContent();
        });

        api.MapGet("/accounts", (AccountAdmin accounts, HttpContext http, CancellationToken ct) => accounts.ListAsync(http.User.ToActor(), ct));
        api.MapPost("/accounts", async (AccountBody b, AccountAdmin accounts, HttpContext http, CancellationToken ct) =>
            Results.Created($"/api/admin/accounts/{await accounts.CreateAsync(b.UserName, b.DisplayName, b.Password, b.EngineerId, http.User.ToActor(), ct)}", null));
        api.MapPost("/accounts/{id}/lock", (string id, AccountAdmin a, HttpContext http, CancellationToken ct) => Lock(a, id, true, http, ct));
        api.MapPost("/accounts/{id}/unlock", (string id, AccountAdmin a, HttpContext http, CancellationToken ct) => Lock(a, id, false, http, ct));

        api.MapGet("/grants", (PermissionGrants grants, HttpContext http, CancellationToken ct) => grants.ListAsync(http.User.ToActor(), ct));
        api.MapPost("/grants/account", async (AccountGrantBody b, PermissionGrants grants, HttpContext http, CancellationToken ct) =>
            Results.Created($"/api/admin/grants/{await grants.RequestForAccountAsync(b.UserId, b.Role, b.HallId, b.Reason, http.User.ToActor(), ct, b.SupervisedHalls)}", null));
        api.MapPost("/grants/api-key", async (ApiKeyGrantBody b, PermissionGrants grants, HttpContext http, CancellationToken ct) =>
            Results.Created($"/api/admin/grants/{await grants.RequestForApiKeyAsync(b.ApiKeyId, b.HallId, b.AllHalls, b.Scopes ?? [], b.Reason, http.User.ToActor(), ct)}", null));
        api.MapPost("/grants/{id:int}/approve", (int id, PermissionGrants g, HttpContext http, CancellationToken ct) => Decide(g.ApproveAsync(id, http.User.ToActor(), ct)));
        api.MapPost("/grants/{id:int}/refuse", (int id, PermissionGrants g, HttpContext http, CancellationToken ct) => Decide(g.RefuseAsync(id, http.User.ToActor(), ct)));
        api.MapPost("/grants/{id:int}/revoke", (int id, PermissionGrants g, HttpContext http, CancellationToken ct) => Decide(g.RevokeAsync(id, http.User.ToActor(), ct)));
        return app;
    }

    private static async Task<IResult> Lock(AccountAdmin accounts, string id, bool locked, HttpContext http, CancellationToken ct)
    {
        await accounts.SetLockedAsync(id, locked, http.User.ToActor(), ct);
        return Results.NoContent();
    }

    private static async Task<IResult> Decide(Task decision)
    {
        await decision;
        return Results.NoContent();
    }
}

internal sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;
