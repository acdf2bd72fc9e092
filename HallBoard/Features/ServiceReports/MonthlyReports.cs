using HallBoard.Data;
using HallBoard.Features.Incidents;
using HallBoard.Features.Problems;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

/// <summary>A major incident as the monthly report lists it.</summary>
public sealed record IncidentRow(DateTime AtUtc, string Title, string Status, string? Note);

/// <summary>A recorded problem (疑难问题) as the monthly report lists it.</summary>
public sealed record ProblemRow(string Title, int Tickets, string Status);

/// <summary>服务月度报告: the month's volumes, SLA, satisfaction, top problems, major incidents, trainings,
/// promotion of online channels and improvement actions.</summary>
public sealed record MonthlyReport(
    string HallName, ReportPeriod Period, DateTime AsOfUtc, ServiceFigures Figures,
    IReadOnlyList<ProblemRow> Problems, string? ProblemsNote,
    IReadOnlyList<IncidentRow> MajorIncidents, string? IncidentsNote,
    IReadOnlyList<TrainingRow> Trainings, IReadOnlyList<ImprovementRow> Improvements)
{
    public int TrainingAttendees => Trainings.Sum(t => t.AttendeeCount);
}

public sealed class MonthlyReports(IDbContextFactory<HallDbContext> dbFactory, HallTime time, TeamRecords records)
{
    public const string NoIncidents = "本月无重大事件。";
    public const string NoProblems = "本月无登记的疑难问题；主要问题按业务类别和问题描述统计。";
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
        return new MonthlyReport(name, period, now, ServiceFigures.Of(tickets, now),
            problems, problems.Count == 0 ? NoProblems : null,
            incidents, incidents.Count == 0 ? NoIncidents : null, trainings, improvements);
    }

    /// <summary>Incidents open at any time during the month.</summary>
    private static async Task<List<IncidentRow>> IncidentsAsync(HallDbContext db, int hallId, ReportPeriod period, CancellationToken ct)
    {
        var incidents = await db.MajorIncidents.AsNoTracking()
            .Where(i => i.HallId == hallId && i.StartUtc < period.EndUtc && (i.EndUtc == null || i.EndUtc >= period.StartUtc))
            .ToListAsync(ct);
        return incidents.OrderBy(i => i.StartUtc)
            .Select(i => new IncidentRow(i.StartUtc, i.Title, MajorIncident.LabelOf(i.Status), i.Cause)).ToList();
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
            .Select(p => new ProblemRow(p.Title, p.Tickets, Problem.Label(p.Status))).ToList();
    }
}
