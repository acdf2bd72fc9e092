using HallBoard.Hosting;

namespace HallBoard.Live;

/// <summary>Publishes one change notice after each successful commit. The commit is done by then, so this
/// never throws: a failure to reach other instances is logged, not reported to the user. A ticket notice
/// carries its details (<see cref="HallChange.Ticket"/>) from the command that made it, so other instances
/// can show them without a database of their own to ask.</summary>
public sealed class HallNotifier(IHallBus bus, HallTime time, ILogger<HallNotifier> logger)
{
    public async Task PublishAsync(HallChange change)
    {
        change = change with { AtUtc = change.AtUtc ?? time.UtcNow };
        try
        {
            await bus.PublishAsync(change);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not publish change {Change}", change);
        }
    }
}
