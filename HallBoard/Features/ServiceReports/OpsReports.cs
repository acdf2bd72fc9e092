using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

/// <summary>One step of a ticket's timeline as the report prints it.</summary>
public sealed record ReportStep(DateTime AtUtc, string What, string Status, string Actor, string? Note);

/// <summary>《运维报告》 for one service: its facts, timeline, resolution, follow-up and rating.</summary>
public sealed record TicketOpsReport(string HallName, ReportTicket Ticket, IReadOnlyList<ReportStep> Steps, DateTime AsOfUtc);

/// <summary>《运维报告》 for one or more days: every ticket logged then, with the totals.</summary>
public sealed record DayOpsReport(string HallName, ReportPeriod Period, IReadOnlyList<ReportTicket> Tickets, ServiceFigures Figures, DateTime AsOfUtc);

/// <summary>The figures of the 《运维报告》, for its page and its workbook alike.</summary>
public sealed class OpsReports(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    /// <summary>The report of the ticket with this number (as typed: "gx-20260302-0001" works), in the given hall.</summary>
    public async Task<TicketOpsReport> ForTicketAsync(int hallId, string? number, CancellationToken ct = default)
    {
        var wanted = number?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(wanted))
            throw ValidationFailedException.For("number", "请输入工单编号，如 GX-20260302-0001。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await ReportTickets.Project(db.Tickets.AsNoTracking().Where(t => t.HallId == hallId && t.Number == wanted))
                         .FirstOrDefaultAsync(ct)
                     ?? throw new NotFoundException($"本厅没有编号为“{number!.Trim()}”的工单。");
        var steps = await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticket.Id)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        return new TicketOpsReport(await ReportTickets.HallNameAsync(db, hallId, ct), ticket,
            steps.Select(e => new ReportStep(e.AtUtc, Labels.Of(e.Kind), Labels.Of(e.ToStatus), e.ActorName, e.Note)).ToList(),
            time.UtcNow);
    }

    public async Task<DayOpsReport> ForDaysAsync(int hallId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var period = ReportPeriod.Days(from, to, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await ReportTickets.HallNameAsync(db, hallId, ct);
        var tickets = await ReportTickets.InPeriodAsync(db, hallId, period, ct);
        var now = time.UtcNow;
        return new DayOpsReport(name, period, tickets, ServiceFigures.Of(tickets, now), now);
    }
}
