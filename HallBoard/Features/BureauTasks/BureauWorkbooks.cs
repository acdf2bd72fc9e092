using ClosedXML.Excel;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Reports.Export;
using HallBoard.Features.ServiceReports.Workbooks;
using HallBoard.Hosting;

namespace HallBoard.Features.BureauTasks;

/// <summary>The two registers as workbooks (ClosedXML, widths set by hand, no pictures), downloaded from
/// <c>/bureau-tasks.xlsx</c> and <c>/requirements.xlsx</c>, of one visible hall or all of them; each download is audited
/// before the file is sent.</summary>
public static class BureauWorkbooks
{
    public const string TasksPath = "/bureau-tasks.xlsx";
    public const string RequirementsPath = "/requirements.xlsx";

    public static string Url(string path, int? hallId) => hallId is int h ? $"{path}?hall={h}" : path;

    internal static Task<IResult> TasksAsync(HttpContext http, BureauTaskQueries queries, HallTime time, int? hall) =>
        DownloadAsync(http, hall, "局方任务台账", async (actor, ct) =>
        {
            var rows = await queries.ListAsync(actor, hall, null, ct);
            using var book = new XLWorkbook();
            var sheet = ReportSheet.Add(book, "局方任务", 22, 28, 40, 16, 12, 17, 17, 8, 12, 8, 17, 40);
            sheet.Title($"局方指令与任务台账（导出于 {time.Format(time.UtcNow)}）", 12)
                .Header("办税服务厅", "任务", "内容", "下达人", "来源", "下达时间", "完成期限", "优先级", "状态", "进度", "完成时间", "完成情况");
            var now = time.UtcNow;
            foreach (var (t, hallName) in rows)
                sheet.Row(hallName, t.Title, t.Content, t.IssuerName, Labels.Of(t.Channel), time.ToLocal(t.IssuedUtc),
                    time.ToLocal(t.DueUtc), Labels.Of(t.Priority), t.StateLabel + (t.IsOverdue(now) ? "（逾期）" : ""), t.Percent is int p ? $"{p}%" : null,
                    t.CompletedUtc is { } c ? time.ToLocal(c) : null, t.CompletionNote);
            return ReportSheet.Save(book);
        });

    internal static Task<IResult> RequirementsAsync(HttpContext http, BureauTaskQueries queries, int? hall) =>
        DownloadAsync(http, hall, "新需求反馈登记", async (actor, ct) =>
        {
            var rows = await queries.RequirementsAsync(actor, hall, null, ct);
            using var book = new XLWorkbook();
            var sheet = ReportSheet.Add(book, "新需求反馈", 22, 12, 10, 14, 44, 12, 12, 44, 12, 30);
            sheet.Title("新需求反馈登记表", 10)
                .Header("办税服务厅", "提出日期", "来源", "提出人", "需求描述", "状态", "上报公司日期", "服务方案", "实施日期", "不采纳原因");
            foreach (var (r, hallName) in rows)
                sheet.Row(hallName, r.RaisedOn, Labels.Of(r.Source), r.RaisedBy, r.Description, r.StateLabel, r.ReportedOn,
                    r.Plan, r.ImplementedOn, r.DeclineReason);
            return ReportSheet.Save(book);
        });

    private static async Task<IResult> DownloadAsync(HttpContext http, int? hall, string name, Func<Actor, CancellationToken, Task<byte[]>> build)
    {
        var actor = http.User.ToActor();
        try
        {
            if (hall is int h) actor.RequireVisible(h, "办税服务厅不存在。");
            var file = await build(actor, http.RequestAborted);
            var today = http.RequestServices.GetRequiredService<HallTime>().Today;
            var fileName = $"{name}_{today:yyyyMMdd}.xlsx";
            await WorkbookDownloads.RecordAsync(http, fileName, hall ?? actor.HallId);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(file, XlsxSheetWriter.ContentType, fileName);
        }
        catch (NotFoundException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "未找到");
        }
        catch (ForbiddenException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权访问");
        }
    }
}
