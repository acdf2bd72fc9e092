using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

/// <summary>Reads tickets for the reports: a hall's tickets logged in a period, oldest first.</summary>
internal static class ReportTickets
{
    public static Task<List<ReportTicket>> InPeriodAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct) =>
        Project(db.Tickets.AsNoTracking()
                .Where(t => t.HallId == hallId && t.CreatedUtc >= period.StartUtc && t.CreatedUtc < period.EndUtc))
            .ToListAsync(ct);

    public static IQueryable<ReportTicket> Project(IQueryable<Ticket> tickets) =>
        tickets.OrderBy(t => t.CreatedUtc).ThenBy(t => t.Id).Select(t => new ReportTicket(
            t.Id, t.Number, t.CreatedUtc, t.Channel, t.Category, t.Kind, t.Priority, t.Status, t.TaxpayerName,
            t.Description, t.Assignee != null ? t.Assignee.Name : null, t.ResponseDueUtc, t.ResolveDueUtc, t.TakenUtc,
            t.ResolvedUtc, t.Resolution, t.FollowedUpUtc, t.LastFollowUp, t.FollowUpAttempts,
            t.Satisfaction != null ? (SatisfactionLevel?)t.Satisfaction.Level : null,
            t.Satisfaction != null ? t.Satisfaction.Comment : null,
            t.Satisfaction != null ? (RatingSource?)t.Satisfaction.Source : null,
            t.ClosedUtc, t.CloseReason, t.CloseNote, t.ReopenCount, t.GuidedOnline, t.GuidanceSucceeded)
        {
            AllRatings = t.Ratings.OrderBy(r => r.AtUtc).Select(r => r.Level).ToList(),
        });

    /// <summary>The hall's name; a hall that does not exist is reported as such.</summary>
    public static async Task<string> HallNameAsync(HallDbContext db, int hallId, CancellationToken ct) =>
        await db.Halls.Where(h => h.Id == hallId).Select(h => h.Name).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("办税服务厅不存在。");
}
