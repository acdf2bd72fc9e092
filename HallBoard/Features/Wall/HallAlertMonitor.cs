using System.Collections.Immutable;
using HallBoard.Data;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Wall;

/// <summary>
/// Checks every hall's alerts on a timer and publishes AlertRaised / AlertCleared when they change; also starts
/// today's figures afresh at local midnight. Alerts raised or cleared by another instance arrive through the feed
/// and count as known here, so instances do not repeat each other.
/// </summary>
public sealed class HallAlertMonitor(
    IDbContextFactory<HallDbContext> dbFactory,
    WallQueries queries,
    HallAlerts alerts,
    HallNotifier notifier,
    HallFeed feed,
    HallFiguresPublisher figures,
    TimeProvider clock,
    IOptions<WallOptions> options,
    ILogger<HallAlertMonitor> logger) : BackgroundService
{
    private ImmutableDictionary<int, ImmutableDictionary<string, HallAlert>> _known = ImmutableDictionary<int, ImmutableDictionary<string, HallAlert>>.Empty;

    /// <summary>The alerts this instance knows to be raised in a hall.</summary>
    public IReadOnlyCollection<HallAlert> Known(int hallId) =>
        _known.TryGetValue(hallId, out var alerts) ? alerts.Values.ToList() : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(Heard);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.AlertCheckSeconds)), clock);
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                    figures.RequestNewDay();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Checking the halls' alerts failed; trying again at the next tick");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
    }

    public async Task CheckAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var halls = await db.Halls.AsNoTracking().Select(h => h.Id).ToListAsync(ct);
        foreach (var hallId in halls)
        {
            if (await queries.SituationAsync(hallId, ct) is not { } situation) continue;
            var now = (await alerts.EvaluateAsync(situation, ct)).ToDictionary(a => a.AlertId);
            var known = _known.GetValueOrDefault(hallId) ?? ImmutableDictionary<string, HallAlert>.Empty;
            foreach (var gone in known.Values.Where(a => !now.ContainsKey(a.AlertId)).ToList())
            {
                Forget(hallId, gone);
                await notifier.PublishAsync(HallChange.AlertCleared(hallId, gone));
            }
            foreach (var raised in now.Values.Where(a => !known.ContainsKey(a.AlertId)).ToList())
            {
                Remember(hallId, raised);
                await notifier.PublishAsync(HallChange.AlertRaised(hallId, raised));
            }
        }
    }

    private Task Heard(HallChange change)
    {
        if (change is { Kind: HallChangeKind.AlertRaised, Alert: { } raised }) Remember(change.HallId, raised);
        else if (change is { Kind: HallChangeKind.AlertCleared, Alert: { } cleared }) Forget(change.HallId, cleared);
        return Task.CompletedTask;
    }

    private void Remember(int hallId, HallAlert alert) => ImmutableInterlocked.AddOrUpdate(ref _known, hallId,
        _ => ImmutableDictionary<string, HallAlert>.Empty.SetItem(alert.AlertId, alert),
        (_, alerts) => alerts.SetItem(alert.AlertId, alert));

    private void Forget(int hallId, HallAlert alert) => ImmutableInterlocked.AddOrUpdate(ref _known, hallId,
        _ => ImmutableDictionary<string, HallAlert>.Empty,
        (_, alerts) => alerts.Remove(alert.AlertId));
}
