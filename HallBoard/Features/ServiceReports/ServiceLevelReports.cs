using HallBoard.Features.Account;
using System.Globalization;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.ServiceReports.Records;
using HallBoard.Features.Sla;
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

/// <summary>A corrective action as the report shows it; <see cref="CarriedFrom"/> names the half year it was recorded in
/// when it is carried over from an earlier report.</summary>
public sealed record CorrectiveRow(
    int Id, string MetricKey, string Text, string Owner, DateOnly DueDate, string CreatedByName,
    ImprovementStatus Status, DateOnly? CompletedOn, string? CarriedFrom, bool Overdue)
{
    public bool IsOpen => Status != ImprovementStatus.Done;
    public string StatusText => Labels.Of(Status);

    /// <summary>"已逾期" while open past its due day, "逾期完成" when completed after it.</summary>
    public string OverdueText => !Overdue ? "" : IsOpen ? "已逾期" : "逾期完成";
}

public sealed record CorrectiveInput(string? MetricKey, string? Text, int? OwnerId, DateOnly? DueDate);

/// <summary>A person of the hall who can own a corrective action.</summary>
public sealed record OwnerChoice(int Id, string Name);

/// <summary>半年度服务水平报告 as shown and downloaded: live figures while a draft, the frozen ones once final. The
/// corrective actions are live in both: their completion is tracked after the report is final.</summary>
public sealed record ServiceLevelView(
    string HallName, int Year, int Half, ReportPeriod Period, ServiceLevelReportStatus Status, DateTime AsOfUtc,
    IReadOnlyList<MetricLine> Lines, IReadOnlyList<CorrectiveRow> Actions, DateTime? FinalisedUtc, string? FinalisedByName,
    DocumentOutput? Documents)
{
    public bool IsFinal => Status == ServiceLevelReportStatus.Final;

    public IReadOnlyList<MetricLine> Misses => Lines.Where(l => l.Missed).ToList();

    public IReadOnlyList<CorrectiveRow> Own => Actions.Where(a => a.CarriedFrom is null).ToList();

    public IReadOnlyList<CorrectiveRow> Carried => Actions.Where(a => a.CarriedFrom is not null).ToList();

    /// <summary>Missed metrics with no action of this report and no open action carried over for the same metric.</summary>
    public IReadOnlyList<MetricLine> Unanswered => Misses.Where(m => !ServiceLevelReports.Answers(Actions, m.Key)).ToList();
}

public sealed class ServiceLevelReports(
    IDbContextFactory<HallDbContext> dbFactory, HallTime time, IOptions<ServiceLevelTargets> targets, SlaCalendars calendars)
{
    public static string StatusLabel(ServiceLevelReportStatus s) => s == ServiceLevelReportStatus.Final ? "已定稿" : "草稿";

    public static string HalfTitle(int year, int half) => $"{year}年{(half == 1 ? "上半年" : "下半年")}";

    /// <summary>A miss is answered by an action of its own report, or by one carried over that is still open.</summary>
    public static bool Answers(IEnumerable<CorrectiveRow> actions, string metricKey) =>
        actions.Any(a => a.MetricKey == metricKey && (a.CarriedFrom is null || a.IsOpen));

    /// <summary>The metric lines from a period's tickets against the configured targets.</summary>
    public static IReadOnlyList<MetricLine> Lines(ServiceFigures f, ServiceLevelTargets t) =>
    [
        new("response", "响应及时率", "在响应时限内受理的工单 / 已受理或已超响应时限的工单", t.ResponseCompliance, f.Response.Count, f.Response.Of),
        new("resolve", "解决及时率", "在解决时限内解决的工单 / 已解决或已超解决时限的工单", t.ResolveCompliance, f.Resolve.Count, f.Resolve.Of),
        new("satisfaction", "满意率", "评价为“非常满意”或“满意”的工单 / 已评价工单", t.SatisfactionRate, f.Satisfaction.Count, f.Satisfaction.Of),
        new("callback", "回访完成率", "已回访联系上的工单 / 已解决工单", t.CallBackRate, f.CallBack.Count, f.CallBack.Of),
        new("guidance", "线上引导成功率", "引导后线上办理成功的工单 / 引导线上办理的工单", t.GuidanceSuccessRate, f.Guidance.Count, f.Guidance.Of),
    ];

    /// <summary>The hall's people who may own a corrective action: active, not left.</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnersAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId && e.IsActive && e.LeftUtc == null)
            .Select(e => new OwnerChoice(e.Id, e.Name)).ToListAsync(ct);
        return people.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
    }

    public async Task<ServiceLevelView> ViewAsync(int hallId, int year, int half, CancellationToken ct = default)
    {
        var period = ReportPeriod.HalfYear(year, half, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await ReportTickets.HallNameAsync(db, hallId, ct);
        var report = await db.ServiceLevelReports.AsNoTracking().Include(r => r.Actions)
            .FirstOrDefaultAsync(r => r.HallId == hallId && r.Year == year && r.Half == half, ct);
        var actions = await ActionsAsync(db, hallId, year, half, period, ct);
        if (report is { Status: ServiceLevelReportStatus.Final, FrozenFigures: { } frozen })
        {
            var snapshot = JsonSerializer.Deserialize<Frozen>(frozen)!;
            return new ServiceLevelView(name, year, half, period, report.Status, snapshot.AsOfUtc, snapshot.Lines, actions,
                report.FinalisedUtc, report.FinalisedByName, snapshot.Documents);
        }
        var (lines, asOf) = await LiveAsync(db, hallId, period, ct);
        var documents = await DocumentsAsync(db, hallId, period, null, asOf, ct);
        return new ServiceLevelView(name, year, half, period, ServiceLevelReportStatus.Draft, asOf, lines, actions, null, null, documents);
    }

    /// <summary>The report's own actions, then those of earlier reports of the hall that were not completed before
    /// this half year began (carried over: the same rows, so a carried action is never a duplicate).</summary>
    private async Task<List<CorrectiveRow>> ActionsAsync(HallDbContext db, int hallId, int year, int half, ReportPeriod period, CancellationToken ct)
    {
        var start = period.From;
        var rows = await (from a in db.CorrectiveActions.AsNoTracking()
                          join r in db.ServiceLevelReports on a.ReportId equals r.Id
                          where r.HallId == hallId && ((r.Year == year && r.Half == half)
                              || ((r.Year < year || (r.Year == year && r.Half < half))
                                  && (a.Status != ImprovementStatus.Done || a.CompletedOn >= start)))
                          select new { a, r.Year, r.Half }).ToListAsync(ct);
        var today = time.Today;
        return rows.OrderBy(x => x.Year == year && x.Half == half).ThenBy(x => x.a.Id)
            .Select(x => new CorrectiveRow(x.a.Id, x.a.MetricKey, x.a.Text, x.a.Owner, x.a.DueDate, x.a.CreatedByName, x.a.Status, x.a.CompletedOn,
                x.Year == year && x.Half == half ? null : HalfTitle(x.Year, x.Half),
                x.a.Status == ImprovementStatus.Done ? x.a.CompletedOn > x.a.DueDate : today > x.a.DueDate))
            .ToList();
    }

    /// <summary>The facts of the half year the document check needs, checked by <see cref="DocumentRules"/>.</summary>
    private async Task<DocumentOutput> DocumentsAsync(HallDbContext db, int hallId, ReportPeriod period, DateTime? finalisedUtc,
        DateTime nowUtc, CancellationToken ct)
    {
        var code = await db.Halls.Where(h => h.Id == hallId).Select(h => h.Code).FirstAsync(ct);
        var withTickets = new List<DateOnly>();
        for (var month = period.From; month <= period.To; month = month.AddMonths(1))
        {
            var (start, end) = (time.DayStartUtc(month), time.DayStartUtc(month.AddMonths(1)));
            if (await db.Tickets.AnyAsync(t => t.HallId == hallId && t.CreatedUtc >= start && t.CreatedUtc < end, ct)) withTickets.Add(month);
        }
        // Documents of the half's last month are due in the next one: read the downloads of two more months.
        var until = time.DayStartUtc(period.To.AddDays(1).AddMonths(2));
        var downloads = await db.AuditEntries.AsNoTracking()
            .Where(a => a.HallId == hallId && a.Action == AuditTrail.Download && a.EntityType == "Workbook" && a.EntityId != null
                        && a.AtUtc >= period.StartUtc && a.AtUtc < until)
            .Select(a => new DownloadFact(a.AtUtc, a.EntityId!)).ToListAsync(ct);
        var incidents = await db.MajorIncidents.AsNoTracking()
            .Where(i => i.HallId == hallId && i.StartUtc >= period.StartUtc && i.StartUtc < period.EndUtc)
            .Select(i => new IncidentFact(i.Id, i.Title, i.StartUtc, i.EndUtc)).ToListAsync(ct);
        var trainings = await db.Trainings.AsNoTracking()
            .Where(t => t.HallId == hallId && t.Date >= period.From && t.Date <= period.To)
            .Select(t => new TrainingFact(t.Date, t.Topic, t.CreatedUtc)).ToListAsync(ct);
        var facts = new DocumentFacts(code, withTickets, downloads, incidents, trainings, finalisedUtc);
        return DocumentRules.Check(period, facts, await calendars.ClockAsync(hallId, ct), time, nowUtc);
    }

    /// <summary>Records what will be done about a missed metric. The report is created as a draft if need be.</summary>
    public async Task AddActionAsync(int hallId, int year, int half, CorrectiveInput input, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        var period = ReportPeriod.HalfYear(year, half, time);
        var errors = new Dictionary<string, string[]>();
        var text = TeamRecords.Text(input.Text, "text", "整改措施", CorrectiveAction.MaxText, errors);
        if (input.DueDate is null) errors["due"] = ["请选择整改期限。"];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = input.OwnerId is int ownerId
            ? await db.Engineers.AsNoTracking().Where(e => e.Id == ownerId && e.HallId == hallId && e.IsActive && e.LeftUtc == null)
                .Select(e => new OwnerChoice(e.Id, e.Name)).FirstOrDefaultAsync(ct)
            : null;
        if (owner is null) errors["owner"] = ["请选择本厅的一名人员作为责任人。"];
        var (lines, _) = await LiveAsync(db, hallId, period, ct);
        var metric = lines.FirstOrDefault(l => l.Key == input.MetricKey);
        if (metric is null) errors["metric"] = ["请选择整改针对的指标。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var now = time.UtcNow;
        var report = await DraftAsync(db, hallId, year, half, now, ct);
        report.Actions.Add(new CorrectiveAction
        {
            MetricKey = metric!.Key, Text = text!, Owner = owner!.Name, OwnerEngineerId = owner.Id, DueDate = input.DueDate!.Value,
            Status = ImprovementStatus.Planned, CreatedUtc = now, CreatedByName = by.Name,
        });
        report.Version++;
        db.Audit(by, now, "登记整改措施", nameof(ServiceLevelReport), Key(year, half), null,
            JsonSerializer.Serialize(new { metric = metric.Name, text, owner = owner.Name, due = ReportPeriod.Text(input.DueDate!.Value) }), hallId);
        await SaveAsync(db, ct);
    }

    /// <summary>Draft → final: refused while the half year runs or while a missed metric has no corrective action;
    /// the figures are frozen as they are now.</summary>
    public async Task FinaliseAsync(int hallId, int year, int half, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        var period = ReportPeriod.HalfYear(year, half, time);
        var now = time.UtcNow;
        if (!period.IsComplete(now))
            throw ValidationFailedException.For("half",
                $"{period.Title}尚未结束（截至 {ReportPeriod.Text(period.To)}），结束后才能定稿。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var report = await DraftAsync(db, hallId, year, half, now, ct);
        var (lines, asOf) = await LiveAsync(db, hallId, period, ct);
        var actions = await ActionsAsync(db, hallId, year, half, period, ct);
        var unanswered = lines.Where(l => l.Missed && !Answers(actions, l.Key)).ToList();
        if (unanswered.Count > 0)
            throw ValidationFailedException.For("actions",
                $"以下指标未达标，尚未填写整改措施，不能定稿：{string.Join("、", unanswered.Select(l => $"{l.Name}（目标 {l.TargetText}，实际 {l.ActualText}）"))}。");
        report.Status = ServiceLevelReportStatus.Final;
        report.FinalisedUtc = now;
        report.FinalisedByName = by.Name;
        var documents = await DocumentsAsync(db, hallId, period, now, asOf, ct);
        report.FrozenFigures = JsonSerializer.Serialize(new Frozen(asOf, lines.ToList(), documents));
        report.Version++;
        db.Audit(by, now, "服务水平报告定稿", nameof(ServiceLevelReport), Key(year, half), StatusLabel(ServiceLevelReportStatus.Draft),
            JsonSerializer.Serialize(lines.Select(l => new { l.Name, target = l.TargetText, actual = l.ActualText, l.Verdict })), hallId);
        await SaveAsync(db, ct);
    }

    /// <summary>Moves a corrective action on (未开始 / 进行中 / 已完成). Allowed after the report is final: the figures
    /// stay frozen, the action is tracked until done, in the later reports it is carried into.</summary>
    public async Task SetActionStateAsync(int hallId, int actionId, ImprovementStatus status, DateOnly? completedOn, Actor by,
        CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        if (!Enum.IsDefined(status)) throw ValidationFailedException.For("status", "请选择整改状态。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from a in db.CorrectiveActions
                           join r in db.ServiceLevelReports on a.ReportId equals r.Id
                           where a.Id == actionId && r.HallId == hallId
                           select new { Action = a, Report = r }).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("整改措施不存在。");
        var (action, report) = (found.Action, found.Report);
        var today = time.Today;
        DateOnly? done = null;
        if (status == ImprovementStatus.Done)
        {
            done = completedOn ?? today;
            var recorded = DateOnly.FromDateTime(time.ToLocal(action.CreatedUtc));
            if (done > today) throw ValidationFailedException.For("completedOn", $"完成日期 {ReportPeriod.Text(done.Value)} 晚于今天，请重新选择。");
            if (done < recorded)
                throw ValidationFailedException.For("completedOn", $"完成日期不能早于整改措施的登记日期 {ReportPeriod.Text(recorded)}。");
        }
        if (action.Status == status && action.CompletedOn == done) return;
        var before = $"{Labels.Of(action.Status)}{(action.CompletedOn is { } was ? " " + ReportPeriod.Text(was) : "")}";
        action.Status = status;
        action.CompletedOn = done;
        report.Version++;
        var now = time.UtcNow;
        db.Audit(by, now, "更新整改措施", nameof(CorrectiveAction), actionId.ToString(CultureInfo.InvariantCulture), before,
            $"{Labels.Of(status)}{(done is { } d ? " " + ReportPeriod.Text(d) : "")}", hallId);
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

    /// <summary>The figures as finalised; reports finalised before the document check have no <see cref="Documents"/>.</summary>
    private sealed record Frozen(DateTime AsOfUtc, List<MetricLine> Lines, DocumentOutput? Documents);

    private sealed class HallBoardConflict() : HallBoardException("该报告刚被他人修改，请刷新后再试。");
}
