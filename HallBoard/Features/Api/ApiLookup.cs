using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Api;

/// <summary>Integrations name halls by code and engineers by employee number; commands want ids.</summary>
public sealed class ApiLookup(IDbContextFactory<HallDbContext> dbFactory)
{
    public async Task<int?> HallIdAsync(string code, CancellationToken ct = default)
    {
        var clean = code.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.Where(h => h.Code == clean).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>An active engineer of the hall with that employee number (E01 …).</summary>
    public async Task<int?> EngineerIdAsync(int hallId, string employeeNo, CancellationToken ct = default)
    {
        var clean = employeeNo.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Engineers.Where(e => e.HallId == hallId && e.EmployeeNo == clean && e.IsActive)
            .Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The engineer within the ticket's own hall; a missing ticket (or one outside <paramref name="hallScope"/>)
    /// is a 404, an unknown number a field error.</summary>
    public async Task<int> EngineerOfTicketHallAsync(int ticketId, string? employeeNo, string field, int? hallScope, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(employeeNo))
            throw ValidationFailedException.For(field, "请填写工程师工号（如 E01）。");
        int hallId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            hallId = await db.Tickets.Where(t => t.Id == ticketId && (hallScope == null || t.HallId == hallScope)).Select(t => (int?)t.HallId).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("工单不存在。");
        }
        return await EngineerIdAsync(hallId, employeeNo, ct)
            ?? throw ValidationFailedException.For(field, $"工号“{employeeNo.Trim()}”不是本厅在岗工程师。");
    }
}
