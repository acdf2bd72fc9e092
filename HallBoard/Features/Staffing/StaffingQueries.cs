using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using HallBoard.Features.Account;

namespace HallBoard.Features.Staffing;

public sealed record AbsenceRow(int Id, string Engineer, int EngineerId, DateTime StartUtc, DateTime EndUtc);
public sealed record RectificationRow(int Id, string Engineer, string Reason, DateTime IssuedUtc, string IssuedBy, RectificationOutcome Outcome);
public sealed record ReplacementRow(int Id, string Engineer, string Reason, DateTime OpenedUtc, DateTime DueUtc, DateTime? ClosedUtc, string? Note);
public sealed record FaultRow(string Engineer, FaultKind Kind, string Detail, DateTime AtUtc, string By);
public sealed record TransferRow(string Engineer, string Destination, string ConsentBy, DateTime ConsentUtc, string RecordedBy);

public sealed record StaffingBoard(
    IReadOnlyList<AbsenceRow> Absences,
    IReadOnlyList<RectificationRow> Rectifications,
    IReadOnlyList<ReplacementRow> Replacements,
    IReadOnlyList<FaultRow> Faults,
    IReadOnlyList<TransferRow> Transfers);

/// <summary>What the hall lead's staffing page lists (the last 180 days and everything still open).</summary>
public sealed class StaffingQueries(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<StaffingBoard> BoardAsync(int hallId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.RolesOf(Policies.StaffingEditors));
        actor.RequireHall(hallId);
        var since = time.UtcNow.AddDays(-180);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        string N(int id) => names.GetValueOrDefault(id, "?");
        var absences = await db.AbsenceRecords.AsNoTracking().Where(a => a.HallId == hallId && a.StartUtc >= since)
            .OrderByDescending(a => a.StartUtc).ToListAsync(ct);
        var rectifications = await db.Rectifications.AsNoTracking()
            .Where(r => r.HallId == hallId && (r.IssuedUtc >= since || r.Outcome == RectificationOutcome.Open))
            .OrderByDescending(r => r.IssuedUtc).ToListAsync(ct);
        var replacements = await db.ReplacementCases.AsNoTracking().Where(r => r.HallId == hallId && (r.OpenedUtc >= since || r.ClosedUtc == null))
            .OrderByDescending(r => r.OpenedUtc).ToListAsync(ct);
        var faults = await db.MajorFaults.AsNoTracking().Where(f => f.HallId == hallId).OrderByDescending(f => f.AtUtc).ToListAsync(ct);
        var transfers = await db.TransferRecords.AsNoTracking().Where(t => t.HallId == hallId).OrderByDescending(t => t.RecordedUtc).ToListAsync(ct);
        return new StaffingBoard(
            absences.Select(a => new AbsenceRow(a.Id, N(a.EngineerId), a.EngineerId, a.StartUtc, a.EndUtc)).ToList(),
            rectifications.Select(r => new RectificationRow(r.Id, N(r.EngineerId), r.Reason, r.IssuedUtc, r.IssuedByName, r.Outcome)).ToList(),
            replacements.Select(r => new ReplacementRow(r.Id, N(r.EngineerId), r.Reason, r.OpenedUtc, r.DueUtc, r.ClosedUtc, r.ClosingNote)).ToList(),
            faults.Select(f => new FaultRow(N(f.EngineerId), f.Kind, f.Detail, f.AtUtc, f.ByName)).ToList(),
            transfers.Select(t => new TransferRow(N(t.EngineerId), t.Destination, t.ConsentByName, t.ConsentUtc, t.RecordedByName)).ToList());
    }
}
