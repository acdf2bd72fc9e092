using HallBoard.Features.Audit;
using HallBoard.Features.Account;
using HallBoard.Features.Wall;

namespace HallBoard.Features.Incidents;

public static class IncidentsSetup
{
    /// <summary>Any staff member declares a major incident and records its handling.</summary>
    public static readonly string[] Declarers = Roles.StaffRoles;

    /// <summary>Who reads incidents and their reports: staff, and the bureau for the halls it supervises.</summary>
    public const string Readers = $"{Roles.Staff},{Roles.Bureau}";

    public static string ReportPath(int id) => $"/incidents/{id}/report";

    public static string WorkbookPath(int id) => $"/incidents/{id}/report.xlsx";

    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentWorkbook>();
        services.AddSingleton<Plans.ImprovementPlans>();
        services.AddSingleton<IHallAlertSource, IncidentAlertSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{id:int}/report.xlsx", DownloadAsync)
            .RequireAuthorization(p => p.RequireRole(Readers.Split(',')))
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
