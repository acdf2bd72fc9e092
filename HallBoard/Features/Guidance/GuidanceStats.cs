using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Validation;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Guidance;

/// <summary>Guided, succeeded, failed and still unknown; the success rate counts known outcomes only.</summary>
public sealed record GuidanceLine(string Label, int Guided, int Succeeded, int Failed)
{
    public int Pending => Guided - Succeeded - Failed;
    public double? SuccessRate => Succeeded + Failed == 0 ? null : (double)Succeeded / (Succeeded + Failed);
}

/// <summary>推广统计 of one period: how many services were guided online, how it went, per item and per category.</summary>
public sealed record GuidanceSummary(DateOnly From, DateOnly To, int Tickets, GuidanceLine Total,
    IReadOnlyList<GuidanceLine> ByItem, IReadOnlyList<GuidanceLine> ByCategory)
{
    /// <summary>Share of the period's tickets whose taxpayer was guided online.</summary>
    public double? GuidedShare => Tickets == 0 ? null : (double)Total.Guided / Tickets;
}

public sealed class GuidanceStats(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    /// <summary>Tickets taken in from <paramref name="from"/> to <paramref name="to"/> (local days, both included).</summary>
    public async Task<GuidanceSummary> SummaryAsync(int hallId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        DayRange.Check(from, to, DayRange.DashboardMaxDays);
        var start = time.DayStartUtc(from);
        var end = time.DayStartUtc(to.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tickets = db.Tickets.AsNoTracking().Where(t => t.HallId == hallId && t.CreatedUtc >= start && t.CreatedUtc < end);
        var count = await tickets.CountAsync(ct);
        var guided = await tickets.Where(t => t.GuidedOnline)
            .Select(t => new { t.GuidanceItemId, t.Category, t.GuidanceSucceeded }).ToListAsync(ct);
        var items = await db.GuidanceItems.AsNoTracking().Where(i => i.HallId == hallId)
            .ToDictionaryAsync(i => i.Id, i => i.Name, ct);

        GuidanceLine Line(string label, IEnumerable<bool?> outcomes)
        {
            var list = outcomes.ToList();
            return new GuidanceLine(label, list.Count, list.Count(o => o == true), list.Count(o => o == false));
        }

        var byItem = guided.GroupBy(g => g.GuidanceItemId)
            .Select(g => Line(g.Key is int id && items.TryGetValue(id, out var name) ? name : "未选择事项", g.Select(x => x.GuidanceSucceeded)))
            .OrderByDescending(l => l.Guided).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
        var byCategory = guided.GroupBy(g => g.Category)
            .Select(g => Line(Labels.Of(g.Key), g.Select(x => x.GuidanceSucceeded)))
            .OrderByDescending(l => l.Guided).ThenBy(l => l.Label, StringComparer.Ordinal).ToList();
        return new GuidanceSummary(from, to, count, Line("合计", guided.Select(g => g.GuidanceSucceeded)), byItem, byCategory);
    }

    public DateOnly Today => time.Today;
}
