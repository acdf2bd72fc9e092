using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Incidents;

public sealed record IncidentRow(int Id, string HallName, string Title, IReadOnlyList<Channel> Channels, IncidentStatus Status,
    DateTime StartUtc, DateTime? EndUtc, int LinkedTickets, int? EstimatedTaxpayers)
{
    public int TaxpayersAffected => MajorIncident.TaxpayersAffected(EstimatedTaxpayers, LinkedTickets);
}

/// <summary>A linked ticket as it stands now (no taxpayer data: the report leaves the hall).</summary>
public sealed record LinkedTicket(int Id, string Number, DateTime CreatedUtc, Channel Channel, Category Category, TicketStatus Status);

/// <summary>Everything the detail page and the 《重大事件处理报告》 show; the linked tickets are counted as they are now.</summary>
public sealed record IncidentDetail(MajorIncident Incident, string HallCode, string HallName, IReadOnlyList<IncidentEntry> Timeline,
    IReadOnlyList<LinkedTicket> Tickets, Plans.ImprovementPlan? Plan = null)
{
    public int TaxpayersAffected => MajorIncident.TaxpayersAffected(Incident.EstimatedTaxpayers, Tickets.Count);
    public IEnumerable<IncidentEntry> Reports => Timeline.Where(e => e.Kind == IncidentEntryKind.Reported);
}

public sealed class IncidentQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    /// <summary>Open incidents first, then the latest; of one hall, or of all for a user without one.</summary>
    public Task<IReadOnlyList<IncidentRow>> ListAsync(int? hallId, int take = 100, CancellationToken ct = default) =>
        ListAsync(hallId is int h ? [h] : null, take, ct);

    /// <summary>The incidents of the halls an actor sees (its own, the ones a Bureau account supervises, or all).</summary>
    public Task<IReadOnlyList<IncidentRow>> ListForAsync(Actor actor, int take = 100, CancellationToken ct = default) =>
        ListAsync(actor.VisibleHalls(), take, ct);

    private async Task<IReadOnlyList<IncidentRow>> ListAsync(IReadOnlyCollection<int>? halls, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.MajorIncidents.AsNoTracking();
        if (halls is not null) q = q.Where(i => halls.Contains(i.HallId));
        var rows = await (from i in q.OrderBy(i => i.Status == IncidentStatus.Open ? 0 : 1).ThenByDescending(i => i.StartUtc).Take(take)
                          join h in db.Halls on i.HallId equals h.Id
                          select new
                          {
                              i.Id, h.Name, i.Title, i.ChannelCodes, i.Status, i.StartUtc, i.EndUtc, i.EstimatedTaxpayers,
                              Linked = db.IncidentTickets.Count(t => t.IncidentId == i.Id),
                          }).ToListAsync(ct);
        return rows.Select(r => new IncidentRow(r.Id, r.Name, r.Title, MajorIncident.ParseChannels(r.ChannelCodes), r.Status,
            r.StartUtc, r.EndUtc, r.Linked, r.EstimatedTaxpayers)).ToList();
    }

    /// <summary>An incident an actor may see; another hall's reads as missing (null).</summary>
    public async Task<IncidentDetail?> GetForAsync(int id, Actor actor, CancellationToken ct = default)
    {
        _ = actor.HallScope;
        var detail = await GetAsync(id, null, ct);
        return detail is not null && actor.CanSee(detail.Incident.HallId) ? detail : null;
    }

    public async Task<IncidentDetail?> GetAsync(int id, int? hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.MajorIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && (hallId == null || i.HallId == hallId), ct);
        if (incident is null) return null;
        var hall = await db.Halls.AsNoTracking().Where(h => h.Id == incident.HallId).Select(h => new { h.Code, h.Name }).FirstAsync(ct);
        var timeline = await db.IncidentEntries.AsNoTracking().Where(e => e.IncidentId == id)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct);
        var tickets = await (from link in db.IncidentTickets.AsNoTracking()
                             where link.IncidentId == id
                             join t in db.Tickets.AsNoTracking() on link.TicketId equals t.Id
                             orderby t.CreatedUtc
                             select new LinkedTicket(t.Id, t.Number, t.CreatedUtc, t.Channel, t.Category, t.Status)).ToListAsync(ct);
        var plan = await db.ImprovementPlans.AsNoTracking().Include(p => p.Measures).FirstOrDefaultAsync(p => p.IncidentId == id, ct);
        return new IncidentDetail(incident, hall.Code, hall.Name, timeline, tickets, plan);
    }

    /// <summary>The open incidents a ticket could be linked to, for the ticket page.</summary>
    public async Task<IReadOnlyList<(int Id, string Title)>> OpenOfHallAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.MajorIncidents.AsNoTracking().Where(i => i.HallId == hallId && i.Status == IncidentStatus.Open)
            .OrderBy(i => i.StartUtc).Select(i => new { i.Id, i.Title }).ToListAsync(ct);
        return open.Select(i => (i.Id, i.Title)).ToList();
    }
}
