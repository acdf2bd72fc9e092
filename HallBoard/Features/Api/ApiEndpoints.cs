namespace HallBoard.Features.Api;

public static class ApiEndpoints
{
    /// <summary>The integration API (API keys only) and its OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapTicketApi();
        return app;
    }
}
