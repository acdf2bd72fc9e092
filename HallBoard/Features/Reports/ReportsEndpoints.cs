using HallBoard.Features.Audit;
using System.Globalization;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Reports.Export;
using Microsoft.AspNetCore.WebUtilities;

namespace HallBoard.Features.Reports;

public static class ReportsEndpoints
{
    public const string TicketExportPath = "/reports/tickets.xlsx";
    public const string ExportFilesPath = "/reports/exports";

    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(TicketExportPath, ExportTicketsAsync)
            .RequireRoles(Policies.ReportReaders)
            .ExcludeFromDescription();
        app.MapGet(ExportFilesPath + "/{id}", DownloadExport)
            .RequireRoles(Policies.ReportReaders)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// GET /reports/tickets.xlsx?from=yyyy-MM-dd&amp;to=yyyy-MM-dd[&amp;status=&amp;channel=]: the tickets of the
    /// user's own hall (all halls for a user without one), streamed to the browser while they are read.
    /// </summary>
    public static string TicketExportUrl(DateOnly from, DateOnly to, TicketStatus? status = null, Channel? channel = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["from"] = from.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            ["to"] = to.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            ["status"] = status?.ToString(),
            ["channel"] = channel?.ToString(),
        };
        return QueryHelpers.AddQueryString(TicketExportPath, query.Where(q => q.Value is not null));
    }

    /// <summary>The finished file of an export started on the export page, for the user who started it; deleted once sent.</summary>
    public static string ExportFileUrl(string jobId) => $"{ExportFilesPath}/{Uri.EscapeDataString(jobId)}";

    private static async Task<IResult> DownloadExport(HttpContext http, ExportJobs jobs, string id)
    {
        var owner = http.User.ToActor().Id;
        var job = jobs.Find(id, owner);
        if (job is null) return TypedResults.NotFound();
        var file = jobs.OpenForDownload(id, owner);
        if (file is null) return TypedResults.NotFound();
        await WorkbookDownloads.RecordAsync(http, job.FileName, http.User.ToActor().HallId);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file, XlsxSheetWriter.ContentType, job.FileName);
    }

    private static async Task<IResult> ExportTicketsAsync(HttpContext http, TicketExport export,
        string? from, string? to, string? status, string? channel, string? category, string? engineer)
    {
        var actor = http.User.ToActor();
        if (!actor.AllHalls && actor.HallId is null)
            return TypedResults.Problem(Actor.NoHallMessage, statusCode: StatusCodes.Status403Forbidden);
        ExportFilter filter;
        string fileName;
        try
        {
            filter = ExportFilter.FromQuery(actor.HallScope, from, to, status, channel, category, engineer);
            fileName = await export.FileNameAsync(filter, http.RequestAborted);
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "导出条件有误");
        }
        await WorkbookDownloads.RecordAsync(http, fileName, filter.HallId);
        // Taxpayers' names: no copy is to stay in a browser's or a proxy's cache.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            body => export.WriteAsync(filter, body, actor, progress: null, http.RequestAborted),
            XlsxSheetWriter.ContentType, fileName);
    }
}
