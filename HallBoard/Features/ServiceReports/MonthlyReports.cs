using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Analysis;
using HallBoard.Features.Guidance;
using HallBoard.Features.Incidents;
using HallBoard.Features.Problems;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

/// <summary>A major incident as the monthly report lists it.</summary>
public sealed record IncidentRow(DateTime AtUtc, string Title, string Status, string? Note);

/// <summary>A recorded problem (疑难问题) as the monthly report lists it.</summary>
public sealed record ProblemRow(string Title, int Tickets, string Status);

/// <summary>服务月度报告: the month's volumes, SLA, satisfaction, feedback and complaints, escalations, 网上办税率,
/// main problems, major incidents, trainings, promotion of online channels and improvement actions.</summary>
public sealed record MonthlyReport(
    string HallName, ReportPeriod Period, DateTime AsOfUtc, ServiceFigures Figures,
    IReadOnlyList<ProblemRow> Problems, string? ProblemsNote,
    IReadOnlyList<IncidentRow> MajorIncidents, string? IncidentsNote,
    IReadOnlyList<TrainingRow> Trainings, IReadOnlyList<ImprovementRow> Improvements,
    FeedbackSection Feedback, EscalationSection Escalations, OnlineSection Online, GuidanceSummary Guidance, MainProblems MainProblems)
{
    public int TrainingAttendees => Trainings.Sum(t => t.AttendeeCount);
}

public sealed class MonthlyReports(
    IDbContextFactory<HallDbContext> dbFactory, HallTime time, TeamRecords records, BusinessAnalysis analysis, GuidanceStats guidance)
{
    public const string NoIncidents = "本月无重大事件。";
    public const string NoProblems = "本月无登记的疑难问题；主要问题按业务类别和解决所用的知识条目统计。";
    private const int MaxProblems = 10;

    public async Task<MonthlyReport> ForMonthAsync(int hallId, int year, int month, CancellationToken ct = default)
    {
        var period = ReportPeriod.Month(year, month, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await ReportTickets.HallNameAsync(db, hallId, ct);
        var tickets = await ReportTickets.InPeriodAsync(db, hallId, period, ct);
        var now = time.UtcNow;
        var trainings = (await records.TrainingsAsync(hallId, period.From, period.To, ct)).OrderBy(t => t.Date).ThenBy(t => t.Id).ToList();
        var improvements = await records.ImprovementsDuringAsync(hallId, period, ct);
        var incidents = await IncidentsAsync(db, hallId, period, ct);
        var problems = await ProblemsAsync(db, hallId, period, ct);
        var feedback = await FeedbackAsync(db, hallId, period, ct);
        var escalations = await EscalationsAsync(db, hallId, period, ct);
        var (uses, articles) = await ArticlesAsync(db, hallId, period, ct);
        var online = await OnlineAsync(hallId, period, ct);
        var promotion = await guidance.SummaryAsync(hallId, period.From, period.To, ct);
        return new MonthlyReport(name, period, now, ServiceFigures.Of(tickets, now),
            problems, problems.Count == 0 ? NoProblems : null,
            incidents, incidents.Count == 0 ? NoIncidents : null, trainings, improvements,
            FeedbackSection.Of(feedback, now), EscalationSection.Of(escalations, now), online, promotion,
            MainProblems.Of(tickets, uses, articles));
    }

    /// <summary>Feedback received in the month.</summary>
    private static Task<List<FeedbackFact>> FeedbackAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct) =>
        db.Feedback.AsNoTracking()
            .Where(f => f.HallId == hallId && f.CreatedUtc >= period.StartUtc && f.CreatedUtc < period.EndUtc)
            .Select(f => new FeedbackFact(f.Number, f.Kind, f.Status, f.CreatedUtc, f.ReportDueUtc, f.ReportedUtc,
                f.HandleDueUtc, f.HandlingUtc, f.ReplyDueUtc, f.RepliedUtc, f.CloseDueUtc, f.ClosedUtc))
            .ToListAsync(ct);

    /// <summary>Escalations raised in the month.</summary>
    private static Task<List<EscalationFact>> EscalationsAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct) =>
        db.Escalations.AsNoTracking()
            .Where(e => e.HallId == hallId && e.RaisedUtc >= period.StartUtc && e.RaisedUtc < period.EndUtc)
            .Select(e => new EscalationFact(e.Target, e.Recipient, e.RaisedUtc, e.DueUtc, e.AnsweredUtc))
            .ToListAsync(ct);

    /// <summary>The articles behind the month's tickets: cited on the ticket, or the article drafted from a problem the ticket is linked to.</summary>
    private static async Task<(List<TicketArticles>, Dictionary<int, string>)> ArticlesAsync(
        HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct)
    {
        var monthTickets = db.Tickets.Where(t => t.HallId == hallId && t.CreatedUtc >= period.StartUtc && t.CreatedUtc < period.EndUtc).Select(t => t.Id);
        var cited = await db.KnowledgeUses.AsNoTracking().Where(u => monthTickets.Contains(u.TicketId))
            .Select(u => new { u.TicketId, u.ArticleId }).ToListAsync(ct);
        var viaProblem = await (from link in db.ProblemTickets
                                join p in db.Problems on link.ProblemId equals p.Id
                                where monthTickets.Contains(link.TicketId) && p.ArticleId != null
                                select new { link.TicketId, ArticleId = p.ArticleId!.Value }).ToListAsync(ct);
        var all = cited.Concat(viaProblem).ToList();
        var ids = all.Select(a => a.ArticleId).Distinct().ToList();
        var names = await db.KnowledgeArticles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Question, ct);
        var uses = all.GroupBy(a => a.TicketId).Select(g => new TicketArticles(g.Key, g.Select(x => x.ArticleId).Distinct().ToList())).ToList();
        return (uses, names);
    }

    /// <summary>The month's and the previous month's business volumes, and the online-servable categories at the counter.</summary>
    private async Task<OnlineSection> OnlineAsync(int hallId, ReportPeriod period, CancellationToken ct)
    {
        var month = await analysis.OnlineRateAsync(hallId, period.From, period.To, ct);
        var before = period.From.AddMonths(-1);
        var previous = before.Year < 2000
            ? month with { Days = [], Counter = 0, Online = 0, Channels = [] }
            : await analysis.OnlineRateAsync(hallId, before, period.From.AddDays(-1), ct);
        var counter = await analysis.CounterCategoriesAsync(hallId, period.From, period.To, ct);
        return OnlineSection.Of(month, previous, counter);
    }

    /// <summary>Incidents open at any time during the month.</summary>
    private static async Task<List<IncidentRow>> IncidentsAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct)
    {
        var incidents = await db.MajorIncidents.AsNoTracking()
            .Where(i => i.HallId == hallId && i.StartUtc < period.EndUtc && (i.EndUtc == null || i.EndUtc >= period.StartUtc))
            .ToListAsync(ct);
        return incidents.OrderBy(i => i.StartUtc)
            .Select(i => new IncidentRow(i.StartUtc, i.Title, Labels.Of(i.Status), i.Cause)).ToList();
    }

    /// <summary>Problems being worked during the month (duplicates left out), those with most tickets first.</summary>
    private static async Task<List<ProblemRow>> ProblemsAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct)
    {
        var problems = await db.Problems.AsNoTracking()
            .Where(p => p.HallId == hallId && p.Status != ProblemStatus.Duplicate && p.CreatedUtc < period.EndUtc
                        && (p.ResolvedUtc == null || p.ResolvedUtc >= period.StartUtc))
            .Select(p => new { p.Title, p.Status, p.CreatedUtc, Tickets = db.ProblemTickets.Count(t => t.ProblemId == p.Id) })
            .ToListAsync(ct);
        return problems.OrderByDescending(p => p.Tickets).ThenBy(p => p.CreatedUtc).Take(MaxProblems)
            .Select(p => new ProblemRow(p.Title, p.Tickets, Labels.Of(p.Status))).ToList();
    }
}
