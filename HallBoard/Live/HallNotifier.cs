using HallBoard.Data;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Live;

/// <summary>Publishes one change notice after each successful commit. The commit is done by then, so this
/// never throws: a failure to look up details or to reach other instances is logged, not reported to the user.</summary>
public sealed class HallNotifier(IHallBus bus, IDbContextFactory<HallDbContext> dbFactory, HallTime time, ILogger<HallNotifier> logger)
{
    public async Task PublishAsync(HallChange change)
    {
        change = change with { AtUtc = change.AtUtc ?? time.UtcNow };
        try
        {
            // Details are read here, on the instance that made the change, so every other instance can show
            // them without a database of its own to ask.
            if (change is { Kind: HallChangeKind.TicketChanged, Ticket: null, TicketId: int ticketId })
                change = change with { Ticket = await TicketFactsAsync(ticketId) };
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not read the details of ticket {TicketId} for its change notice", change.TicketId);
        }
        try
        {
            await bus.PublishAsync(change);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not publish change {Change}", change);
        }
    }

    private async Task<TicketFacts?> TicketFactsAsync(int ticketId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new TicketFacts(t.Category, t.Priority, t.TaxpayerName,
                t.Assignee == null ? null : t.Assignee.Name, t.CreatedUtc, t.ResponseDueUtc, t.TakenUtc))
            .FirstOrDefaultAsync();
    }
}
