using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Wall;

/// <summary>
/// One kind of alert on a hall. The wall shows, and <see cref="HallAlertMonitor"/> raises and clears, whatever the
/// registered sources report. Open escalations (issue 4) come as one more source: register an
/// <c>IHallAlertSource</c> that reports kind <c>OpenEscalation</c> with id <c>escalation:{ticket number}</c>.
/// </summary>
public interface IHallAlertSource
{
    ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct);
}

public static class AlertKinds
{
    public const string SlaBreach = "SlaBreach";
    public const string SlaWarning = "SlaWarning";
    public const string FewEngineers = "FewEngineers";
    public const string OpenEscalation = "OpenEscalation";
    public const string Critical = "Critical";
    public const string Warning = "Warning";
}

/// <summary>All alerts of a hall now, most severe first. A failing source is logged and skipped, never the whole wall.</summary>
public sealed class HallAlerts(IEnumerable<IHallAlertSource> sources, ILogger<HallAlerts> logger)
{
    public async Task<IReadOnlyList<HallAlert>> EvaluateAsync(HallSituation situation, CancellationToken ct = default)
    {
        var all = new List<HallAlert>();
        foreach (var source in sources)
        {
            try { all.AddRange(await source.AlertsAsync(situation, ct)); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Alert source {Source} failed for hall {Hall}", source.GetType().Name, situation.Hall.Code);
            }
        }
        return all.OrderBy(a => a.Severity == AlertKinds.Critical ? 0 : 1).ThenBy(a => a.RaisedUtc).ToList();
    }
}

/// <summary>
/// The SLA clock on the hall's business time: a taxpayer waiting past the response target, or a ticket in progress
/// past its resolve target (breach), and either one with three quarters of its target used (warning). Night, weekend
/// and public holidays use up nothing; a ticket waiting on the taxpayer raises neither. A breach replaces the warning.
/// </summary>
public sealed class SlaAlertSource(IOptions<SlaOptions> sla) : IHallAlertSource
{
    public ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        var now = situation.NowUtc;
        var alerts = new List<HallAlert>();
        foreach (var t in situation.Waiting.Where(t => t.PausedSinceUtc is null))
        {
            if (now > t.ResponseDueUtc)
                alerts.Add(new HallAlert($"sla:response:{t.Number}", AlertKinds.SlaBreach, AlertKinds.Critical,
                    $"{t.Number}（{Labels.Of(t.Category)}）等待超过响应时限", t.Number, t.ResponseDueUtc));
            else if (Near(situation.Clock, t.CreatedUtc, t.ResponseDueUtc, sla.Value.For(t.Priority).Response, now) is { } warnAt)
                alerts.Add(new HallAlert($"sla:response-near:{t.Number}", AlertKinds.SlaWarning, AlertKinds.Warning,
                    $"{t.Number}（{Labels.Of(t.Category)}）即将超过响应时限", t.Number, warnAt));
        }
        foreach (var t in situation.InService.Where(t => t.PausedSinceUtc is null))
        {
            if (now > t.ResolveDueUtc)
                alerts.Add(new HallAlert($"sla:resolve:{t.Number}", AlertKinds.SlaBreach, AlertKinds.Warning,
                    $"{t.Number}（{t.Engineer ?? "未指派"}）处理超过解决时限", t.Number, t.ResolveDueUtc));
            else if (Near(situation.Clock, t.CreatedUtc, t.ResolveDueUtc, sla.Value.For(t.Priority).Resolve, now) is { } warnAt)
                alerts.Add(new HallAlert($"sla:resolve-near:{t.Number}", AlertKinds.SlaWarning, AlertKinds.Warning,
                    $"{t.Number}（{t.Engineer ?? "未指派"}）即将超过解决时限", t.Number, warnAt));
        }
        return ValueTask.FromResult<IReadOnlyList<HallAlert>>(alerts);
    }

    /// <summary>When the warning began (three quarters of the target after the start, on the business clock; a pause
    /// may put that later, so never after now), if that much of the target is used by now; null otherwise.</summary>
    private static DateTime? Near(SlaClock clock, DateTime startUtc, DateTime dueUtc, TimeSpan target, DateTime nowUtc)
    {
        if (target <= TimeSpan.Zero || clock.Progress(dueUtc, target, nowUtc).State != SlaState.Warning) return null;
        var from = clock.Add(startUtc, target * SlaProgress.WarningAt);
        return from < nowUtc ? from : nowUtc;
    }
}

/// <summary>Fewer engineers on duty than the hall needs, counted by <see cref="Staffing.RosteredDuty"/> (rostered and
/// present, during opening hours only). A hall with no engineers is not staffed through HallBoard: no such alert.</summary>
public sealed class DutyAlertSource(IOptions<WallOptions> options, Staffing.RosteredDuty duty) : IHallAlertSource
{
    public async ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        var min = options.Value.MinEngineersOnDuty;
        if (situation.Engineers.Count == 0 || await duty.OnDutyAsync(situation, ct) is not int onDuty || onDuty >= min) return [];
        return [new HallAlert(DutyAlertId(situation.Hall.Code), AlertKinds.FewEngineers, AlertKinds.Warning,
            $"在岗工程师不足 {min} 人", null, situation.NowUtc)];
    }

    public static string DutyAlertId(string hallCode) => $"duty:{hallCode}";
}
