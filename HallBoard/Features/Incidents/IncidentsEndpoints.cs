using HallBoard.Features.Audit;
using HallBoard.Features.Account;

namespace HallBoard.Features.Incidents;

public static class IncidentsEndpoints
{
    public static string ReportPath(int id) => $"/incidents/{id}/report";

    public static string WorkbookPath(int id) => $"/incidents/{id}/report.xlsx";

    public static IEndpointRouteBuilder MapIncidentsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{id:int}/report.xlsx", DownloadAsync)
            .RequireRoles(Policies.IncidentReaders)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>GET /incidents/{id}/report.xlsx: the report of an incident of a hall the user sees (its own, a supervised one, every hall for Admin);
    /// an account without a hall is refused.</summary>
    private static async Task<IResult> DownloadAsync(int id, HttpContext http, IncidentQueries queries, IncidentWorkbook workbook)
    {
        var actor = http.User.ToActor();
        if (!actor.AllHalls && actor.HallId is null)
            return TypedResults.Problem(Domain.Actor.NoHallMessage, statusCode: StatusCodes.Status403Forbidden);
        var detail = await queries.GetForAsync(id, actor, http.RequestAborted);
        if (detail is null) return Results.NotFound();
        var file = workbook.Build(detail);
        await WorkbookDownloads.RecordAsync(http, IncidentWorkbook.FileName(detail), detail.Incident.HallId);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file, IncidentWorkbook.ContentType, IncidentWorkbook.FileName(detail));
    }
}
