using System.Globalization;
using HallBoard.Data;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Audit;

/// <summary>
/// The audit log as an Excel workbook, oldest first, with each row's chain position and hashes so that a copy taken
/// out can be checked against the chain later. Streamed row by row (<see cref="XlsxSheetWriter"/>): a year of a busy
/// hall is hundreds of thousands of rows, too many for ClosedXML in memory.
/// </summary>
public sealed class AuditExport(IDbContextFactory<HallDbContext> dbFactory, AuditQueries queries, HallTime time)
{
    public const string SheetName = "审计日志";

    public static readonly SheetColumn[] Columns =
    [
        new("记录号", 10), new("时间（北京时间）", 20), new("操作人", 14), new("操作人账号", 22), new("操作", 14),
        new("对象类型", 12), new("对象", 24), new("变更前", 30), new("变更后", 30), new("服务厅", 8),
        new("链序号", 10), new("前一条哈希", 30), new("本条哈希", 30),
    ];

    public string FileName(AuditFilter filter) => string.Create(CultureInfo.InvariantCulture,
        $"审计日志_{(filter.From ?? DateOnly.MinValue):yyyyMMdd}-{(filter.To ?? time.Today):yyyyMMdd}.xlsx");

    public async Task WriteAsync(AuditFilter filter, Stream output, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = queries.Filtered(db, filter).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).AsAsyncEnumerable();
        await using var sheet = await XlsxSheetWriter.StartAsync(output, SheetName, Columns, ct);
        await foreach (var a in rows.WithCancellation(ct))
        {
            sheet.StartRow();
            sheet.Number(a.Id);
            sheet.Time(time.ToLocal(a.AtUtc));
            sheet.Text(a.ActorName);
            sheet.Text(a.ActorId);
            sheet.Text(a.Action);
            sheet.Text(a.EntityType);
            sheet.Text(a.EntityId);
            sheet.Text(a.Before);
            sheet.Text(a.After);
            sheet.Text(a.HallId?.ToString(CultureInfo.InvariantCulture));
            sheet.Text(a.Seq?.ToString(CultureInfo.InvariantCulture));
            sheet.Text(a.PrevHash);
            sheet.Text(a.Hash);
            await sheet.EndRowAsync(ct);
        }
        await sheet.CompleteAsync(ct);
    }
}
