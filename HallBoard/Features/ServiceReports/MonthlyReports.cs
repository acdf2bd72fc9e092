using HallBoard.Data;
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
    /// <summary>Shown until major incidents are recorded in HallBoard.</summary>
    public const string NoIncidentRegister = "重大事件登记功能尚未上线，本节暂无记录；如有重大事件请附《重大事件处理报告》。";

    /// <summary>Shown until difficult problems are recorded in HallBoard.</summary>
    public const string NoProblemRegister = "疑难问题登记功能尚未上线，主要问题按业务类别和问题描述统计。";

    public async Task<MonthlyReport> ForMonthAsync(int hallId, int year, int month, CancellationToken ct = default)
    {
        var period = ReportPeriod.Month(year, month, time);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await ReportTickets.HallNameAsync(db, hallId, ct);
        var tickets = await ReportTickets.InPeriodAsync(db, hallId, period, ct);
        var now = time.UtcNow;
        var trainings = (await records.TrainingsAsync(hallId, period.From, period.To, ct)).OrderBy(t => t.Date).ThenBy(t => t.Id).ToList();
        var improvements = await records.ImprovementsDuringAsync(hallId, period, ct);
        return new MonthlyReport(name, period, now, ServiceFigures.Of(tickets, now),
            [], NoProblemRegister, [], NoIncidentRegister, trainings, improvements);
    }
}
