using System.Globalization;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.ServiceReports.Records;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.ServiceReports;

/// <summary>The service-level targets (服务级别协议), from configuration section "ServiceReports:Targets", as shares 0–1.</summary>
public sealed class ServiceLevelTargets
{
    public double ResponseCompliance { get; set; } = 0.95;
    public double ResolveCompliance { get; set; } = 0.90;
    public double SatisfactionRate { get; set; } = 0.95;
    public double CallBackRate { get; set; } = 0.90;
    public double GuidanceSuccessRate { get; set; } = 0.80;
}

/// <summary>One SLA metric of the half year: its target, what was achieved, and whether the target was missed.
/// With nothing to measure (no tickets of that kind) there is no actual and no miss.</summary>
public sealed record MetricLine(string Key, string Name, string Definition, double Target, int Count, int Of)
{
    public double? Actual => Of == 0 ? null : (double)Count / Of;
    public bool Missed => Actual is { } a && a < Target;
    public string TargetText => Ratio.Pct(Target);
    public string ActualText => new Ratio(Count, Of).Percent;
    public string Verdict => Actual is null ? "无数据" : Missed ? "未达标" : "达标";
}

public sealed record CorrectiveRow(int Id, string MetricKey, string Text, string Owner, DateOnly DueDate, string CreatedByName);

public sealed record CorrectiveInput(string? MetricKey, string? Text, string? Owner, DateOnly? DueDate);

/// <summary>半年度服务水平报告 as shown and downloaded: live figures while a draft, the frozen ones once final.</summary>
public sealed record ServiceLevelView(
    string HallName, int Year, int Half, ReportPeriod Period, ServiceLevelReportStatus Status, DateTime AsOfUtc,
    IReadOnlyList<MetricLine> Lines, IReadOnlyList<CorrectiveRow> Actions, DateTime? FinalisedUtc, string? FinalisedByName)
{
    public bool IsFinal => Status == ServiceLevelReportStatus.Final;

    public IReadOnlyList<MetricLine> Misses => Lines.Where(l => l.Missed).ToList();

    /// <summary>Missed metrics that still have no corrective action.</summary>
    public IReadOnlyList<MetricLine> Unanswered => Misses.Where(m => Actions.All(a => a.MetricKey != m.Key)).ToList();
}

public sealed class ServiceLevelReports(IDbContextFactory<HallDbContext> dbFactory, HallTime time, IOptions<ServiceLevelTargets> targets)
{
    public static string StatusLabel(ServiceLevelReportStatus s) => s == ServiceLevelReportStatus.Final ? "已定稿" : "草稿";

    /// <summary>The metric lines from a period's tickets against the configured targets.</summary>
    public static IReadOnlyList<MetricLine> Lines(ServiceFigures f, ServiceLevelTargets t) =>
    [
        new("response", "响应及时率", "在响应时限内受理的工单 / 已受理或已超响应时限的工单", t.ResponseCompliance, f.Response.Count, f.Response.Of),
        new("resolve", "解决及时率", "在解决时限内解决的工单 / 已解决或已超解决时限的工单", t.ResolveCompliance, f.Resolve.Count, f.Resolve.Of),
        new("satisfaction", "满意率", "评价为“非常满意”或“满意”的工单 / 已评价工单", t.SatisfactionRate, f.Satisfaction.Count, f.Satisfaction.Of),
        new("callback", "回访完成率", "已回访联系上的工单 / 已解决工单", t.CallBackRate, f.CallBack.Count, f.CallBack.Of),
        new("guidance", "线上引导成功率", "引导后线上办理成功的工单 / 引导线上办理的工单", t.GuidanceSuccessRate, f.Guidance.Count, f.Guidance.Of),
    ];

    public async Task<ServiceLevelView> ViewAsync(int hallId, int year, int half, CancellationToken ct = default)
    {
        var period = ReportPeriod.HalfYear(year, half, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await ReportTickets.HallNameAsync(db, hallId, ct);
        var report = await db.ServiceLevelReports.AsNoTracking().Include(r => r.Actions)
            .FirstOrDefaultAsync(r => r.HallId == hallId && r.Year == year && r.Half == half, ct);
        var actions = report?.Actions.OrderBy(a => a.Id)
            .Select(a => new CorrectiveRow(a.Id, a.MetricKey, a.Text, a.Owner, a.DueDate, a.CreatedByName)).ToList() ?? [];
        if (report is { Status: ServiceLevelReportStatus.Final, FrozenFigures: { } frozen })
        {
            var snapshot = JsonSerializer.Deserialize<Frozen>(frozen)!;
            return new ServiceLevelView(name, year, half, period, report.Status, snapshot.AsOfUtc, snapshot.Lines, actions,
                report.FinalisedUtc, report.FinalisedByName);
        }
        var (lines, asOf) = await LiveAsync(db, hallId, period, ct);
        return new ServiceLevelView(name, year, half, period, ServiceLevelReportStatus.Draft, asOf, lines, actions, null, null);
    }

    /// <summary>Records what will be done about a missed metric. The report is created as a draft if need be.</summary>
    public async Task AddActionAsync(int hallId, int year, int half, CorrectiveInput input, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(ServiceReportsSetup.Readers.Split(','));
        by.RequireHall(hallId);
        var period = ReportPeriod.HalfYear(year, half, time);
        var errors = new Dictionary<string, string[]>();
        var text = TeamRecords.Text(input.Text, "text", "整改措施", CorrectiveAction.MaxText, errors);
        var owner = TeamRecords.Text(input.Owner, "owner", "责任人", 50, errors);
        if (input.DueDate is null) errors["due"] = ["请选择整改期限。"];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (lines, _) = await LiveAsync(db, hallId, period, ct);
        var metric = lines.FirstOrDefault(l => l.Key == input.MetricKey);
        if (metric is null) errors["metric"] = ["请选择整改针对的指标。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var now = time.UtcNow;
        var report = await DraftAsync(db, hallId, year, half, now, ct);
        report.Actions.Add(new CorrectiveAction
        {
            MetricKey = metric!.Key, Text = text!, Owner = owner!, DueDate = input.DueDate!.Value, CreatedUtc = now, CreatedByName = by.Name,
        });
        report.Version++;
        db.Audit(by, now, "登记整改措施", nameof(ServiceLevelReport), Key(year, half), null,
            JsonSerializer.Serialize(new { metric = metric.Name, text, owner, due = ReportPeriod.Text(input.DueDate!.Value) }), hallId);
        await SaveAsync(db, ct);
    }

    /// <summary>Draft → final: refused while the half year runs or while a missed metric has no corrective action;
    /// the figures are frozen as they are now.</summary>
    public async Task FinaliseAsync(int hallId, int year, int half, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(ServiceReportsSetup.Readers.Split(','));
        by.RequireHall(hallId);
        var period = ReportPeriod.HalfYear(year, half, time);
        var now = time.UtcNow;
        if (!period.IsComplete(now))
            throw ValidationFailedException.For("half",
                $"{period.Title}尚未结束（截至 {ReportPeriod.Text(period.To)}），结束后才能定稿。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await DraftAsync(db, hallId, year, half, now, ct);
        var (lines, asOf) = await LiveAsync(db, hallId, period, ct);
        var unanswered = lines.Where(l => l.Missed && report.Actions.All(a => a.MetricKey != l.Key)).ToList();
        if (unanswered.Count > 0)
            throw ValidationFailedException.For("actions",
                $"以下指标未达标，尚未填写整改措施，不能定稿：{string.Join("、", unanswered.Select(l => $"{l.Name}（目标 {l.TargetText}，实际 {l.ActualText}）"))}。");
        report.Status = ServiceLevelReportStatus.Final;
        report.FinalisedUtc = now;
        report.FinalisedByName = by.Name;
        report.FrozenFigures = JsonSerializer.Serialize(new Frozen(asOf, lines.ToList()));
        report.Version++;
        db.Audit(by, now, "服务水平报告定稿", nameof(ServiceLevelReport), Key(year, half), StatusLabel(ServiceLevelReportStatus.Draft),
            JsonSerializer.Serialize(lines.Select(l => new { l.Name, target = l.TargetText, actual = l.ActualText, l.Verdict })), hallId);
        await SaveAsync(db, ct);
    }

    private async Task<(IReadOnlyList<MetricLine> Lines, DateTime AsOf)> LiveAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct)
    {
        var tickets = await ReportTickets.InPeriodAsync(db, hallId, period, ct);
        var now = time.UtcNow;
        return (Lines(ServiceFigures.Of(tickets, now), targets.Value), now);
    }

    private static async Task<ServiceLevelReport> DraftAsync(HallDbContext db, int hallId, int year, int half, DateTime now, CancellationToken ct)
    {
        var report = await db.ServiceLevelReports.Include(r => r.Actions)
            .FirstOrDefaultAsync(r => r.HallId == hallId && r.Year == year && r.Half == half, ct);
        if (report is null)
        {
            report = new ServiceLevelReport { HallId = hallId, Year = year, Half = half, Status = ServiceLevelReportStatus.Draft, CreatedUtc = now };
            db.ServiceLevelReports.Add(report);
        }
        else if (report.Status == ServiceLevelReportStatus.Final)
        {
            throw ValidationFailedException.For("status", "该报告已定稿，数据已冻结，不能再修改。");
        }
        return report;
    }

    private static async Task SaveAsync(HallDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new HallBoardConflict());
        }
    }

    private static string Key(int year, int half) => string.Create(CultureInfo.InvariantCulture, $"{year}-H{half}");

    private sealed record Frozen(DateTime AsOfUtc, List<MetricLine> Lines);

    private sealed class HallBoardConflict() : HallBoardException("该报告刚被他人修改，请刷新后再试。");
}
