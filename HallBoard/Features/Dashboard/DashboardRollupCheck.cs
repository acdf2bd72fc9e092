using HallBoard.Data;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Dashboard;

/// <summary>At start-up, before requests are served: a database with tickets but no rollup (one that existed before
/// the dashboard) gets its rollup computed once.</summary>
public sealed class DashboardRollupCheck(IDbContextFactory<HallDbContext> dbFactory, DashboardRollup rollup, ILogger<DashboardRollupCheck> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DashboardCounts.AnyAsync(ct) || !await db.Tickets.AnyAsync(ct)) return;
        logger.LogInformation("Building the dashboard rollup from the existing tickets");
        var rows = await DashboardRollup.RebuildAsync(db, rollup.Zone, ct);
        logger.LogInformation("Dashboard rollup built: {Rows} rows", rows);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
