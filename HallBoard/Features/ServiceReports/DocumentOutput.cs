using HallBoard.Domain;
using System.Globalization;
using System.Text.RegularExpressions;
using HallBoard.Domain.Sla;
using HallBoard.Features.Incidents;
using HallBoard.Features.Staffing;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports;

/// <summary>按时 / 逾期 (produced after its due time) / 缺失 (not produced, past due) / 未到期.</summary>
public enum DocumentVerdict { OnTime, Late, Missing, NotDue }

/// <summary>One required document of the half year: what, about what, due when, first produced when.</summary>
public sealed record DocumentCheck(DateOnly Month, string Document, string Subject, DateTime? DueUtc, DateTime? ProducedUtc, DocumentVerdict Verdict)
{
    public string VerdictText => Labels.Of(Verdict);
}

/// <summary>A month's documents by verdict.</summary>
public sealed record DocumentMonth(DateOnly Month, int Required, int OnTime, int Late, int Missing, int NotDue)
{
    public string Title => Month.ToString("yyyy年M月", CultureInfo.InvariantCulture);
}

/// <summary>文档输出检查 of a half year: every required document and the per-month counts.</summary>
public sealed record DocumentOutput(IReadOnlyList<DocumentCheck> Checks, IReadOnlyList<DocumentMonth> Months)
{
    public DocumentMonth Total => new(default, Months.Sum(m => m.Required), Months.Sum(m => m.OnTime), Months.Sum(m => m.Late),
        Months.Sum(m => m.Missing), Months.Sum(m => m.NotDue));
}

/// <summary>A workbook download the audit trail recorded for the hall (action 下载文件): the file's name and when.</summary>
public sealed record DownloadFact(DateTime AtUtc, string FileName);

public sealed record IncidentFact(int Id, string Title, DateTime StartUtc, DateTime? EndUtc);

public sealed record TrainingFact(DateOnly Date, string Topic, DateTime RecordedUtc);

/// <summary>What the app recorded in (and after) a half year, from which the document check is derived.</summary>
public sealed record DocumentFacts(
    string HallCode, IReadOnlyList<DateOnly> MonthsWithTickets, IReadOnlyList<DownloadFact> Downloads,
    IReadOnlyList<IncidentFact> Incidents, IReadOnlyList<TrainingFact> Trainings, DateTime? ServiceLevelFinalisedUtc);

/// <summary>
/// The statement of work's required documents and when each is on time, all in this one class. A document counts as
/// produced when the app has a record of it: the audited workbook download of the report, a training's record, the
/// half-year report's finalisation. Deadlines are whole business days on the hall's calendar (weekends and public
/// holidays skipped), ending at midnight hall time:
/// <list type="bullet">
/// <item>服务月度报告: every month, downloaded after the month ended and by the 5th business day of the next month.</item>
/// <item>运维报告: every month with tickets, at least one report (a ticket's or some days') of that month, by the 5th
/// business day of the next month.</item>
/// <item>重大事件处理报告: each major incident that began in the half year, downloaded after it ended and within 2
/// business days of its end; still open, it is not yet due.</item>
/// <item>培训文档: each training held in the half year, recorded within 5 business days of the training
/// (<see cref="TrainingDocuments"/>: the one place to extend when the five training documents are recorded).</item>
/// <item>半年度服务水平报告: finalised within 10 business days after the half year ends.</item>
/// </list>
/// </summary>
public static partial class DocumentRules
{
    public const string MonthlyReport = "服务月度报告";
    public const string OpsReport = "运维报告";
    public const string IncidentReport = "重大事件处理报告";
    public const string TrainingDocument = "培训文档";
    public const string ServiceLevelReport = "半年度服务水平报告";

    public const int MonthlyReportDays = 5;
    public const int OpsReportDays = 5;
    public const int IncidentReportDays = 2;
    public const int TrainingDays = 5;
    public const int ServiceLevelReportDays = 10;

    public static DocumentVerdict Verdict(DateTime dueUtc, DateTime? producedUtc, DateTime nowUtc) => producedUtc switch
    {
        { } produced => produced <= dueUtc ? DocumentVerdict.OnTime : DocumentVerdict.Late,
        null => nowUtc > dueUtc ? DocumentVerdict.Missing : DocumentVerdict.NotDue,
    };

    /// <summary>Every required document of the half year, checked as of <paramref name="nowUtc"/>.</summary>
    public static DocumentOutput Check(ReportPeriod half, DocumentFacts facts, SlaClock clock, HallTime time, DateTime nowUtc)
    {
        var checks = new List<DocumentCheck>();
        DateTime After(DateOnly day, int days) => HallHours.AfterBusinessDays(clock, time.DayStartUtc(day), days);
        void Add(DateOnly month, string document, string subject, DateTime due, DateTime? produced) =>
            checks.Add(new DocumentCheck(month, document, subject, due, produced, Verdict(due, produced, nowUtc)));

        var months = Enumerable.Range(0, 6).Select(i => half.From.AddMonths(i)).ToList();
        foreach (var month in months)
        {
            var last = month.AddMonths(1).AddDays(-1);
            var title = month.ToString("yyyy年M月", CultureInfo.InvariantCulture);
            var monthly = facts.Downloads
                .Where(d => d.AtUtc >= time.DayStartUtc(last.AddDays(1)) && d.FileName.Contains($"_{MonthlyReport}_{month:yyyyMM}", StringComparison.Ordinal))
                .Select(d => (DateTime?)d.AtUtc).Min();
            Add(month, MonthlyReport, title, After(last, MonthlyReportDays), monthly);

            if (facts.MonthsWithTickets.Contains(month))
            {
                var ops = facts.Downloads.Where(d => OpsReportDay(d.FileName) is { } day && day >= month && day <= last)
                    .Select(d => (DateTime?)d.AtUtc).Min();
                Add(month, OpsReport, title, After(last, OpsReportDays), ops);
            }
        }

        foreach (var incident in facts.Incidents.OrderBy(i => i.StartUtc))
        {
            var file = IncidentWorkbook.FileName(facts.HallCode, incident.Id);
            var month = MonthOf(incident.StartUtc, time);
            if (incident.EndUtc is not { } end)
            {
                checks.Add(new DocumentCheck(month, IncidentReport, incident.Title, null, null, DocumentVerdict.NotDue));
                continue;
            }
            var produced = facts.Downloads.Where(d => d.AtUtc >= end && d.FileName == file).Select(d => (DateTime?)d.AtUtc).Min();
            Add(month, IncidentReport, incident.Title, After(LocalDay(end, time), IncidentReportDays), produced);
        }

        checks.AddRange(TrainingDocuments(facts.Trainings, After, nowUtc));

        var lastMonth = months[^1];
        Add(lastMonth, ServiceLevelReport, half.Title, After(half.To, ServiceLevelReportDays), facts.ServiceLevelFinalisedUtc);

        var perMonth = months.Select(m =>
        {
            var of = checks.Where(c => c.Month == m).ToList();
            return new DocumentMonth(m, of.Count, of.Count(c => c.Verdict == DocumentVerdict.OnTime), of.Count(c => c.Verdict == DocumentVerdict.Late),
                of.Count(c => c.Verdict == DocumentVerdict.Missing), of.Count(c => c.Verdict == DocumentVerdict.NotDue));
        }).ToList();
        return new DocumentOutput(checks.OrderBy(c => c.Month).ThenBy(c => Order(c.Document)).ToList(), perMonth);
    }

    /// <summary>
    /// The training documents. For now a training's record stands for its documents (《培训计划》 … 《培训总结报告》
    /// are not yet recorded on their own): due within <see cref="TrainingDays"/> business days of the training.
    /// </summary>
    public static IEnumerable<DocumentCheck> TrainingDocuments(IEnumerable<TrainingFact> trainings, Func<DateOnly, int, DateTime> after, DateTime nowUtc) =>
        trainings.OrderBy(t => t.Date).Select(t =>
        {
            var due = after(t.Date, TrainingDays);
            return new DocumentCheck(new DateOnly(t.Date.Year, t.Date.Month, 1), TrainingDocument, t.Topic, due, t.RecordedUtc,
                Verdict(due, t.RecordedUtc, nowUtc));
        });

    /// <summary>The day an ops report's file is about: "…_运维报告_GX-20260302-0001" or "…_运维报告_20260301-20260305".</summary>
    public static DateOnly? OpsReportDay(string fileName)
    {
        var at = fileName.IndexOf($"_{OpsReport}_", StringComparison.Ordinal);
        if (at < 0) return null;
        var match = EightDigits().Match(fileName, at);
        return match.Success && DateOnly.TryParseExact(match.Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;
    }

    private static int Order(string document) => Array.IndexOf([MonthlyReport, OpsReport, IncidentReport, TrainingDocument, ServiceLevelReport], document);

    private static DateOnly LocalDay(DateTime utc, HallTime time) => DateOnly.FromDateTime(time.ToLocal(utc));

    private static DateOnly MonthOf(DateTime utc, HallTime time)
    {
        var day = LocalDay(utc, time);
        return new DateOnly(day.Year, day.Month, 1);
    }

    [GeneratedRegex(@"(?<!\d)\d{8}(?!\d)")]
    private static partial Regex EightDigits();
}
