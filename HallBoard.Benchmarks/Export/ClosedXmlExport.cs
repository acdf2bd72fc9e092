using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Benchmarks.Export;

/// <summary>
/// The comparison: the same rows as the app's export, read with an EF Core projection and put into a ClosedXML
/// workbook cell by cell, then saved — what a plain implementation would do. The workbook lives in memory whole.
/// </summary>
public static class ClosedXmlExport
{
    public static async Task<int> WriteAsync(IDbContextFactory<HallDbContext> factory, HallTime time, ExportFilter filter, Stream output)
    {
        await using var db = await factory.CreateDbContextAsync();
        var fromUtc = time.DayStartUtc(filter.From);
        var untilUtc = time.DayStartUtc(filter.To.AddDays(1));
        var rows = db.Tickets.AsNoTracking()
            .Where(t => t.HallId == filter.HallId && t.CreatedUtc >= fromUtc && t.CreatedUtc < untilUtc)
            .OrderBy(t => t.CreatedUtc).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Number, t.CreatedUtc, t.Channel, t.Category, t.Kind, t.Priority, t.Status, t.TaxpayerName,
                Assignee = t.Assignee != null ? t.Assignee.Name : null, t.ResponseDueUtc, t.ResolvedUtc,
                Rating = t.Satisfaction != null ? (SatisfactionLevel?)t.Satisfaction.Level : null, t.FollowUpAttempts,
            });
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet(TicketExport.SheetName);
        for (var c = 0; c < TicketExport.Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = TicketExport.Columns[c].Header;
            sheet.Column(c + 1).Width = TicketExport.Columns[c].Width;
        }
        var r = 1;
        await foreach (var t in rows.AsAsyncEnumerable())
        {
            r++;
            sheet.Cell(r, 1).Value = t.Number;
            sheet.Cell(r, 2).Value = time.ToLocal(t.CreatedUtc);
            sheet.Cell(r, 3).Value = Labels.Of(t.Channel);
            sheet.Cell(r, 4).Value = Labels.Of(t.Category);
            sheet.Cell(r, 5).Value = Labels.Of(t.Kind);
            sheet.Cell(r, 6).Value = Labels.Of(t.Priority);
            sheet.Cell(r, 7).Value = Labels.Of(t.Status);
            sheet.Cell(r, 8).Value = t.TaxpayerName;
            sheet.Cell(r, 9).Value = t.Assignee;
            sheet.Cell(r, 10).Value = time.ToLocal(t.ResponseDueUtc);
            if (t.ResolvedUtc is { } resolved) sheet.Cell(r, 11).Value = time.ToLocal(resolved);
            if (t.Rating is { } rating) sheet.Cell(r, 12).Value = Labels.Of(rating);
            sheet.Cell(r, 13).Value = t.FollowUpAttempts;
        }
        book.SaveAs(output);
        return r - 1;
    }
}
