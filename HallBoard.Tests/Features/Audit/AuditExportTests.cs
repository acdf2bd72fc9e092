using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Audit;

/// <summary>The audit trail taken out as Excel: the reader's hall only, with the chain columns, and the download itself
/// on the record before a byte of the workbook leaves.</summary>
public sealed class AuditExportTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task A_hall_lead_exports_the_hall_s_trail_and_the_download_is_recorded_before_the_file_is_sent()
    {
        var resolved = await AuditChainTests.SomeTicketAuditAsync(app);
        using var lead = await AuditChainTests.SignedInAsync(app, "lead");

        using var response = await lead.GetAsync(AuditEndpoints.ExportPath, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.StartsWith("审计日志_", fileName);
        // Only the headers have arrived: the download is already in the trail, with who took it and what they asked.
        var recorded = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == AuditTrail.Download && a.EntityId == fileName));
        Assert.Equal("赵主任", recorded.ActorName);
        Assert.Equal(AuditEndpoints.ExportPath, recorded.After);

        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet(AuditExport.SheetName);
        Assert.Equal(AuditExport.Columns.Select(c => c.Header), Enumerable.Range(1, AuditExport.Columns.Length).Select(c => sheet.Cell(1, c).GetString()));
        var rows = sheet.RowsUsed().Skip(1).ToList();
        var hall = resolved.HallId!.Value.ToString();
        Assert.All(rows, r => Assert.Equal(hall, r.Cell(10).GetString()));
        var row = Assert.Single(rows, r => r.Cell(1).GetString() == resolved.Id.ToString());
        Assert.Equal(resolved.EntityId, row.Cell(7).GetString());
        Assert.Equal(resolved.Hash, row.Cell(13).GetString());
    }

    [Fact]
    public async Task An_engineer_is_refused_and_a_bad_date_is_answered_in_chinese_with_nothing_recorded()
    {
        using var engineer = await AuditChainTests.SignedInAsync(app, "eng1");
        using var lead = await AuditChainTests.SignedInAsync(app, "lead");
        var downloads = await DownloadsAsync();

        var refused = await engineer.GetAsync(AuditEndpoints.ExportPath);
        var badDate = await lead.GetAsync(AuditEndpoints.ExportPath + "?from=2026-13-01");

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        var problem = JsonDocument.Parse(await badDate.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("开始日期应为 yyyy-MM-dd 格式的日期（2000–2100 年）。", problem.GetProperty("errors").GetProperty("from")[0].GetString());
        Assert.Equal(downloads, await DownloadsAsync());
    }

    private Task<int> DownloadsAsync() =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditTrail.Download));
}
