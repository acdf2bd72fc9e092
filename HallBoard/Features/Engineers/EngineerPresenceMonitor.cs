using HallBoard.Hosting;

namespace HallBoard.Features.Engineers;

/// <summary>Every half minute: records the engineers whose tablets are connected here as seen, then turns
/// offline those whose tablets have been gone too long (on any instance: last-seen is in the database).</summary>
public sealed class EngineerPresenceMonitor(
    EngineerPresence presence, EngineerStatusBook statuses, TimeProvider clock, ILogger<EngineerPresenceMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = new ClockSchedule(clock, Period);
        try
        {
            while (await schedule.WaitAsync(stoppingToken))
            {
                try
                {
                    await statuses.HeartbeatAsync(presence.Present, stoppingToken);
                    await statuses.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Engineer presence check failed; trying again in {Period}", Period);
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
