using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Reports;
using HallBoard.Features.Reports.Export;
using HallBoard.Features.ServiceReports.Workbooks;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

public static class ServiceReportsEndpoints
{
    public const string OpsPath = "/service-reports/ops.xlsx";
    public const string MonthlyPath = "/service-reports/monthly.xlsx";
    public const string ServiceLevelPath = "/service-reports/service-level.xlsx";

    public static IEndpointRouteBuilder MapServiceReportsEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("").RequireRoles(Policies.ServiceReportViewers).ExcludeFromDescription();
        reports.MapGet(OpsPath, OpsAsync);
        reports.MapGet(MonthlyPath, MonthlyAsync);
        reports.MapGet(ServiceLevelPath, ServiceLevelAsync);
        return app;
    }

    public static string OpsTicketUrl(string number, int? hall = null) => Url(OpsPath, ("number", number), ("hall", Id(hall)));

    public static string OpsDaysUrl(DateOnly from, DateOnly to, int? hall = null) =>
        Url(OpsPath, ("from", ReportPeriod.Text(from)), ("to", ReportPeriod.Text(to)), ("hall", Id(hall)));

    public static string MonthlyUrl(int year, int month, int? hall = null) =>
        Url(MonthlyPath, ("month", string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}")), ("hall", Id(hall)));

    public static string ServiceLevelUrl(int year, int half, int? hall = null) =>
        Url(ServiceLevelPath, ("year", Id(year)), ("half", Id(half)), ("hall", Id(hall)));

    private static Task<IResult> OpsAsync(HttpContext http, ReportHalls halls, OpsReports ops, OpsReportWorkbook workbook,
        string? number, string? from, string? to, int? hall) =>
        DownloadAsync(http, halls, hall, async (hallId, ct) =>
        {
            if (!string.IsNullOrWhiteSpace(number))
            {
                var report = await ops.ForTicketAsync(hallId, number, ct);
                return (workbook.Build(report), report.HallName, $"运维报告_{report.Ticket.Number}", report.Ticket.Number);
            }
            var days = await ops.ForDaysAsync(hallId, ReportPeriod.ParseDay(from, "from", "开始日期"), ReportPeriod.ParseDay(to, "to", "结束日期"), ct);
            var span = $"{days.Period.From:yyyyMMdd}-{days.Period.To:yyyyMMdd}";
            return (workbook.Build(days), days.HallName, $"运维报告_{span}", span);
        });

    private static Task<IResult> MonthlyAsync(HttpContext http, ReportHalls halls, MonthlyReports monthly, MonthlyReportWorkbook workbook,
        string? month, int? hall) =>
        DownloadAsync(http, halls, hall, async (hallId, ct) =>
        {
            var (y, m) = ReportPeriod.ParseMonth(month);
            var report = await monthly.ForMonthAsync(hallId, y, m, ct);
            var span = $"{report.Period.From:yyyyMM}";
            return (workbook.Build(report), report.HallName, $"服务月度报告_{span}", span);
        });

    private static Task<IResult> ServiceLevelAsync(HttpContext http, ReportHalls halls, ServiceLevelReports levels, ServiceLevelWorkbook workbook,
        int? year, int? half, int? hall) =>
        DownloadAsync(http, halls, hall, async (hallId, ct) =>
        {
            if (year is null || half is null) throw ValidationFailedException.For("half", "请选择年份和半年度。");
            var report = await levels.ViewAsync(hallId, year.Value, half.Value, ct);
            return (workbook.Build(report), report.HallName, $"服务水平报告_{report.Period.Title}", report.Period.Title);
        });

    /// <summary>Builds a workbook for the user's hall (an admin without one names it), records the download in the
    /// audit log and sends it; bad input is answered 400 with the reason in Chinese.</summary>
    private static async Task<IResult> DownloadAsync(HttpContext http, ReportHalls halls, int? requestedHall,
        Func<int, CancellationToken, Task<(byte[] File, string Hall, string Name, string What)>> build)
    {
        var actor = http.User.ToActor();
        try
        {
            var hallId = await halls.ForAsync(actor, requestedHall, http.RequestAborted);
            var (file, hall, name, _) = await build(hallId, http.RequestAborted);
            await WorkbookDownloads.RecordAsync(http, ReportHalls.FileName(hall, name), hallId);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(file, XlsxSheetWriter.ContentType, ReportHalls.FileName(hall, name));
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors, title: "报告条件有误");
        }
        catch (NotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "未找到");
        }
    }

    private static string? Id(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Url(string path, params (string Key, string? Value)[] query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path,
            query.Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
}

/// <summary>Which hall a report is for: the user's own; a user without a hall (an admin) picks one.</summary>
public sealed class ReportHalls(IDbContextFactory<HallDbContext> dbFactory)
{
    private static readonly char[] NotInFileNames = [.. Path.GetInvalidFileNameChars(), '\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    public sealed record HallChoice(int Id, string Name);

    public async Task<IReadOnlyList<HallChoice>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Id).Select(h => new HallChoice(h.Id, h.Name)).ToListAsync(ct);
    }

    /// <summary>The halls an actor picks from: every hall (all-halls actor), its own and supervised ones (Bureau), else none.</summary>
    public async Task<IReadOnlyList<HallChoice>> ChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.AllHalls) return await AllAsync(ct);
        if (!actor.IsIn(Roles.Bureau)) return [];
        return (await AllAsync(ct)).Where(h => actor.Sees(h.Id)).ToList();
    }

    /// <summary>The hall a report is for: the actor's own; an all-halls actor picks any, a Bureau account one it supervises
    /// (another hall reads as missing); refused without a hall.</summary>
    public async Task<int> ForAsync(Actor actor, int? requested, CancellationToken ct = default)
    {
        if (actor.HallScope is int own)
        {
            if (requested is not int wanted || wanted == own || !actor.IsIn(Roles.Bureau)) return own;
            return actor.CanSee(wanted) && (await AllAsync(ct)).Any(h => h.Id == wanted) ? wanted : throw new NotFoundException("办税服务厅不存在。");
        }
        var halls = await AllAsync(ct);
        if (requested is int id)
            return halls.Any(h => h.Id == id) ? id : throw new NotFoundException("办税服务厅不存在。");
        return halls.FirstOrDefault()?.Id ?? throw new NotFoundException("还没有办税服务厅。");
    }

    public static string FileName(string hallName, string name) =>
        string.Concat($"{hallName.Trim()}_{name}".Select(c => NotInFileNames.Contains(c) ? '_' : c)) + ".xlsx";
}
