namespace HallBoard.Features.Wall;

public static class WallEndpoints
{
    /// <summary>What a wall screen's script calls now and then, so its sign-in slides on while it runs for weeks.</summary>
    public const string KeepAlivePath = "/wall/keepalive";

    public static IEndpointRouteBuilder MapWallEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(KeepAlivePath, () => Results.NoContent()).RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
