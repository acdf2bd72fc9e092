using System.Globalization;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Reports.Export;

/// <summary>
/// The raw ticket list as an Excel workbook of any size: rows are read one at a time and written as they come, so
/// neither the query nor the workbook is ever held whole in memory. Times are the hall's local time. Every export,
/// finished or not, is written to the audit log: it carries taxpayers' names out of the system.
/// </summary>
public sealed class TicketExport(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string SheetName = "工单明细";
    public const string AllHalls = "全部服务厅";

    /// <summary>Progress is reported after this many rows and once at the end, not for every row.</summary>
    public const int ProgressEvery = 500;

    public static IReadOnlyList<SheetColumn> Columns { get; } =
    [
        new("编号", 20), new("录入时间", 18), new("渠道", 16), new("业务类别", 16), new("服务类型", 10),
        new("优先级", 8), new("状态", 10), new("纳税人", 32), new("负责人", 10), new("响应时限", 18),
        new("解决时间", 18), new("满意度", 12), new("回访次数", 10),
    ];

    /// <summary>Rows per sheet, header included: Excel's limit; tests set fewer to see the rows go on in a new sheet.</summary>
    internal int RowsPerSheet { get; init; } = XlsxSheetWriter.ExcelMaxRows;

    private static readonly char[] NotInFileNames = [.. Path.GetInvalidFileNameChars(), '\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>Writes the workbook to <paramref name="output"/> and returns the number of ticket rows.</summary>
    /// <exception cref="ValidationFailedException">The date range is missing or reversed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the output then holds an unfinished file.</exception>
    public async Task<int> WriteAsync(ExportFilter filter, Stream output, Actor by, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var valid = filter.Validated();
        var rows = 0;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var sheet = await XlsxSheetWriter.StartAsync(output, SheetName, Columns, ct, RowsPerSheet);
            await foreach (var ticket in Query(db, valid).AsAsyncEnumerable().WithCancellation(ct))
            {
                ct.ThrowIfCancellationRequested();
                WriteRow(sheet, ticket);
                await sheet.EndRowAsync(ct);
                if (++rows % ProgressEvery == 0) progress?.Report(rows);
            }
            await sheet.CompleteAsync(ct);
        }
        catch
        {
            await RecordAsync(by, valid, rows, finished: false);
            throw;
        }
        await RecordAsync(by, valid, rows, finished: true);
        progress?.Report(rows);
        return rows;
    }

    /// <summary>"{hall}_工单明细_{from}-{to}.xlsx", e.g. 高新区税务局办税服务厅_工单明细_20260301-20260331.xlsx.</summary>
    public async Task<string> FileNameAsync(ExportFilter filter, CancellationToken ct = default)
    {
        if (filter.HallId is not int hallId) return FileName(AllHalls, filter.From, filter.To);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Halls.Where(h => h.Id == hallId).Select(h => h.Name).FirstOrDefaultAsync(ct)
                   ?? throw new NotFoundException("办税服务厅不存在。");
        return FileName(name, filter.From, filter.To);
    }

    public static string FileName(string hallName, DateOnly from, DateOnly to)
    {
        var hall = string.Concat(hallName.Trim().Select(c => NotInFileNames.Contains(c) ? '_' : c));
        return string.Create(CultureInfo.InvariantCulture, $"{hall}_{SheetName}_{from:yyyyMMdd}-{to:yyyyMMdd}.xlsx");
    }

    private IQueryable<ExportRow> Query(HallDbContext db, ExportFilter filter)
    {
        var fromUtc = time.DayStartUtc(filter.From);
        var untilUtc = time.DayStartUtc(filter.To.AddDays(1));
        var q = db.Tickets.AsNoTracking().Where(t => t.CreatedUtc >= fromUtc && t.CreatedUtc < untilUtc);
        if (filter.HallId is int hall) q = q.Where(t => t.HallId == hall);
        if (filter.Status is TicketStatus status) q = q.Where(t => t.Status == status);
        if (filter.Channel is Channel channel) q = q.Where(t => t.Channel == channel);
        return q.OrderBy(t => t.CreatedUtc).ThenBy(t => t.Id).Select(t => new ExportRow(
            t.Number, t.CreatedUtc, t.Channel, t.Category, t.Kind, t.Priority, t.Status, t.TaxpayerName,
            t.Assignee != null ? t.Assignee.Name : null, t.ResponseDueUtc, t.ResolvedUtc,
            t.Satisfaction != null ? (SatisfactionLevel?)t.Satisfaction.Level : null, t.FollowUpAttempts));
    }

    private void WriteRow(XlsxSheetWriter sheet, ExportRow t)
    {
        sheet.StartRow();
        sheet.Text(t.Number);
        sheet.Time(time.ToLocal(t.CreatedUtc));
        sheet.Text(Labels.Of(t.Channel));
        sheet.Text(Labels.Of(t.Category));
        sheet.Text(Labels.Of(t.Kind));
        sheet.Text(Labels.Of(t.Priority));
        sheet.Text(Labels.Of(t.Status));
        sheet.Text(t.TaxpayerName);
        sheet.Text(t.AssigneeName);
        sheet.Time(time.ToLocal(t.ResponseDueUtc));
        sheet.Time(t.ResolvedUtc is { } resolved ? time.ToLocal(resolved) : null);
        sheet.Text(t.Rating is { } rating ? Labels.Of(rating) : null);
        sheet.Number(t.FollowUpAttempts);
    }

    private async Task RecordAsync(Actor by, ExportFilter filter, int rows, bool finished)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var what = JsonSerializer.Serialize(new
        {
            from = filter.From.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            to = filter.To.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            status = filter.Status?.ToString(),
            channel = filter.Channel?.ToString(),
            rows,
            finished,
        });
        db.Audit(by, time.UtcNow, finished ? "导出工单明细" : "导出工单明细（未完成）", "TicketExport", null, null, what, filter.HallId);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record ExportRow(
        string Number, DateTime CreatedUtc, Channel Channel, Category Category, TicketKind Kind, Priority Priority,
        TicketStatus Status, string TaxpayerName, string? AssigneeName, DateTime ResponseDueUtc, DateTime? ResolvedUtc,
        SatisfactionLevel? Rating, int FollowUpAttempts);
}
