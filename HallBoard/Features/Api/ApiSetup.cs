using Microsoft.AspNetCore.Authentication;

namespace HallBoard.Features.Api;

public static class ApiSetup
{
    public const string Policy = "Integration";

    public static WebApplicationBuilder AddHallApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireRole(ApiKeyAuthentication.IntegrationRole));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static IEndpointRouteBuilder MapHallApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
