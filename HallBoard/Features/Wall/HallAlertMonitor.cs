using System.Collections.Immutable;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Wall;

/// <summary>
/// Checks every hall's alerts on a timer and publishes AlertRaised / AlertCleared when they change; also starts
/// today's figures afresh at local midnight. The alerts announced as raised are kept in the database
/// (<see cref="RaisedHallAlert"/>), so after a restart the monitor clears what ended while it was down and raises
/// what began, and instances sharing the database announce each change once: the one whose write lands first does.
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
        var schedule = new ClockSchedule(clock, TimeSpan.FromSeconds(Math.Max(1, options.Value.AlertCheckSeconds)));
        try
        {
            await RestoreAsync(stoppingToken);
            // The first check comes one interval after start, so screens reconnecting after a restart are back to hear it.
            while (await schedule.WaitAsync(stoppingToken))
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
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task RestoreAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var hall in (await db.RaisedHallAlerts.AsNoTracking().ToListAsync(ct)).GroupBy(a => a.HallId))
                Set(hall.Key, hall.Select(a => a.ToAlert()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read the alerts raised before the start; the first check compares with the database again");
        }
    }

    public async Task CheckAsync(CancellationToken ct = default)
    {
        List<int> halls;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            halls = await db.Halls.AsNoTracking().Select(h => h.Id).ToListAsync(ct);
        foreach (var hallId in halls)
        {
            if (await queries.SituationAsync(hallId, ct) is not { } situation) continue;
            var now = (await alerts.EvaluateAsync(situation, ct)).ToDictionary(a => a.AlertId);
            var (cleared, raised) = await RecordAsync(hallId, now, ct);
            foreach (var gone in cleared) await notifier.PublishAsync(HallChange.AlertCleared(hallId, gone));
            foreach (var added in raised) await notifier.PublishAsync(HallChange.AlertRaised(hallId, added));
        }
    }

    /// <summary>Stores the hall's alerts as they are now; answers what this call cleared and raised. A change the
    /// screens already heard of (an incident's own notice, another instance's) is stored but not announced again;
    /// nothing is announced when another instance stored the same change first, as that one announces it.</summary>
    private async Task<(List<HallAlert> Cleared, List<HallAlert> Raised)> RecordAsync(int hallId, Dictionary<string, HallAlert> now, CancellationToken ct)
    {
        var told = _known.GetValueOrDefault(hallId) ?? ImmutableDictionary<string, HallAlert>.Empty;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.RaisedHallAlerts.Where(a => a.HallId == hallId).ToListAsync(ct);
        var gone = stored.Where(a => !now.ContainsKey(a.AlertId)).ToList();
        var added = now.Values.Where(a => stored.All(s => s.AlertId != a.AlertId)).ToList();
        if (gone.Count == 0 && added.Count == 0)
        {
            Set(hallId, stored.Select(a => a.ToAlert()));
            return ([], []);
        }
        var at = clock.GetUtcNow().UtcDateTime;
        foreach (var a in gone)
        {
            db.RaisedHallAlerts.Remove(a);
            db.Audit(Actor.System, at, "告警解除", nameof(HallAlert), a.AlertId, a.Message, null, hallId);
        }
        foreach (var a in added)
        {
            db.RaisedHallAlerts.Add(RaisedHallAlert.Of(hallId, a));
            db.Audit(Actor.System, at, "告警触发", nameof(HallAlert), a.AlertId, null, a.Message, hallId);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogDebug(ex, "The alerts of hall {HallId} were stored by another instance first", hallId);
            return ([], []);
        }
        Set(hallId, now.Values);
        return (gone.Where(a => told.ContainsKey(a.AlertId)).Select(a => a.ToAlert()).ToList(),
            added.Where(a => !told.ContainsKey(a.AlertId)).ToList());
    }

    private Task Heard(HallChange change)
    {
        if (change is { Kind: HallChangeKind.AlertRaised, Alert: { } raised })
            Update(change.HallId, alerts => alerts.SetItem(raised.AlertId, raised));
        else if (change is { Kind: HallChangeKind.AlertCleared, Alert: { } cleared })
            Update(change.HallId, alerts => alerts.Remove(cleared.AlertId));
        return Task.CompletedTask;
    }

    private void Set(int hallId, IEnumerable<HallAlert> raised) =>
        Update(hallId, _ => raised.ToImmutableDictionary(a => a.AlertId));

    private void Update(int hallId, Func<ImmutableDictionary<string, HallAlert>, ImmutableDictionary<string, HallAlert>> change) =>
        ImmutableInterlocked.AddOrUpdate(ref _known, hallId,
            _ => change(ImmutableDictionary<string, HallAlert>.Empty), (_, alerts) => change(alerts));
}
