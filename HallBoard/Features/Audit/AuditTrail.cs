using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Audit;

/// <summary>Audit entries for reads: workbooks taken out of the system and taxpayers' tickets looked at.</summary>
public sealed class AuditTrail(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string Download = "下载文件";
    public const string ViewTicket = "查看工单";

    public async Task RecordAsync(Actor actor, string action, string entityType, string? entityId, string? after, int? hallId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Audit(actor, time.UtcNow, action, entityType, entityId, after: after, hallId: hallId);
        // Not the request's token: a read that was answered is recorded even when the client goes away meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>One ticket's page opened (its taxpayer's name, ID and phone shown).</summary>
    public async Task TicketViewedAsync(Actor actor, int ticketId, string where)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Number, t.HallId, t.TaxpayerName }).FirstOrDefaultAsync();
        if (ticket is null) return;
        db.Audit(actor, time.UtcNow, ViewTicket, "Ticket", ticket.Number, after: $"{where}：{ticket.TaxpayerName}", hallId: ticket.HallId);
        await db.SaveChangesAsync();
    }

    /// <summary>A search of tickets by number, taxpayer name or ID, with how many it found.</summary>
    public Task TicketsSearchedAsync(Actor actor, string search, int found, int? hallId) =>
        RecordAsync(actor, ViewTicket, "TicketSearch", Truncate(search.Trim(), 100), $"搜索，找到 {found} 条", hallId);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Every workbook endpoint calls this before it sends the file: who took which file, from which address.</summary>
public static class WorkbookDownloads
{
    public static Task RecordAsync(HttpContext http, string fileName, int? hallId)
    {
        var trail = http.RequestServices.GetRequiredService<AuditTrail>();
        var request = http.Request.Path + http.Request.QueryString;
        return trail.RecordAsync(http.User.ToActor(), AuditTrail.Download, "Workbook", fileName, request.ToString(), hallId);
    }
}
