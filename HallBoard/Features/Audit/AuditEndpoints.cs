using System.Globalization;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;

namespace HallBoard.Features.Audit;

public static class AuditEndpoints
{
    public const string VerifyPath = "/api/audit/verify";
    public const string ExportPath = "/audit/export.xlsx";

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(VerifyPath, VerifyAsync).RequireRoles(Policies.AuditReaders).ExcludeFromDescription();
        app.MapGet(ExportPath, ExportAsync).RequireRoles(Policies.AuditReaders).ExcludeFromDescription();
        return app;
    }

    public static string ExportUrl(AuditFilter f) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(ExportPath,
        new Dictionary<string, string?>
        {
            ["from"] = f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["actor"] = f.Actor, ["action"] = f.Action, ["entity"] = f.EntityId,
        }.Where(q => !string.IsNullOrWhiteSpace(q.Value)));

    /// <summary>GET /api/audit/verify: the chains the reader may see, "完整" or the first broken link of each.</summary>
    private static async Task<IResult> VerifyAsync(HttpContext http, AuditVerifier verifier, HallTime time)
    {
        try
        {
            var result = await verifier.VerifyAsync(http.User.ToActor(), http.RequestAborted);
            return TypedResults.Ok(new
            {
                intact = result.Intact,
                status = result.Intact ? "完整" : "已损坏",
                message = result.Message(time),
                checkedRows = result.CheckedRows,
                breaks = result.Breaks.Select(b => new { rowId = b.RowId, seq = b.Seq, atUtc = b.AtUtc, hallId = b.HallId, hall = b.HallName, reason = b.Reason }),
            });
        }
        catch (ForbiddenException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");
        }
    }

    /// <summary>GET /audit/export.xlsx?from=&amp;to=&amp;actor=&amp;action=&amp;entity=: recorded before the file is sent.</summary>
    private static async Task<IResult> ExportAsync(HttpContext http, AuditExport export,
        string? from, string? to, string? actor, string? action, string? entity)
    {
        AuditFilter filter;
        try
        {
            filter = AuditQueries.Scoped(http.User.ToActor(), new AuditFilter
            {
                From = Day(from, "from", "开始日期"), To = Day(to, "to", "结束日期"), Actor = actor, Action = action, EntityId = entity,
            });
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "导出条件有误");
        }
        catch (ForbiddenException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");
        }
        var fileName = export.FileName(filter);
        await WorkbookDownloads.RecordAsync(http, fileName, filter.HallId);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(body => export.WriteAsync(filter, body, http.RequestAborted), XlsxSheetWriter.ContentType, fileName);
    }

    private static DateOnly? Day(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year is >= 2000 and <= 2100)
            return day;
        throw ValidationFailedException.For(field, $"{label}应为 yyyy-MM-dd 格式的日期（2000–2100 年）。");
    }
}
