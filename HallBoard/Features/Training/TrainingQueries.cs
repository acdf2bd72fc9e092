using HallBoard.Features.Account;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Training;

public sealed record TrainingListRow(int Id, string HallName, DateOnly Date, TimeOnly? Start, TimeOnly? End, string Topic, string Trainer,
    string? Audience, TrainingStatus Status, int Planned, int SignedIn, int AttendeeCount);

public sealed record TrainingDetail(TrainingSession Session, string HallName, string HallCode, int Responses)
{
    public IReadOnlyList<SurveyQuestion> Questions => TrainingSurvey.QuestionsOf(Session);
}

public sealed record SurveyPage(string HallName, string Topic, DateOnly Date, TrainingStatus Status, IReadOnlyList<SurveyQuestion> Questions);

public sealed record PersonChoice(int Id, string Name, string EmployeeNo);

public sealed record HistoryRow(int TrainingId, DateOnly Date, string Topic, string Trainer, TrainingStatus Status, bool Planned, DateTime? SignedInUtc);

/// <summary>One rating question's results: how many answered, the average, and how many gave 1 … 5.</summary>
public sealed record RatingResult(string Question, int Answers, double? Average, IReadOnlyList<int> Distribution);

public sealed record TextResult(string Question, IReadOnlyList<string> Answers);

/// <summary>The 《培训总结报告》's figures: attendance against the plan, and the survey's results.</summary>
public sealed record TrainingSummary(int Planned, int PlannedSignedIn, int Extra, int Responses,
    IReadOnlyList<RatingResult> Ratings, IReadOnlyList<TextResult> Texts)
{
    public int SignedIn => PlannedSignedIn + Extra;

    /// <summary>Planned attendees who signed in ÷ planned attendees; null without a plan.</summary>
    public double? AttendanceRate => Planned == 0 ? null : (double)PlannedSignedIn / Planned;
}

/// <summary>Reads of training sessions, scoped to the actor's hall (a session of another hall is not found).</summary>
public sealed class TrainingQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TrainingListRow>> ListAsync(Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        var scope = by.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Trainings.AsNoTracking();
        if (scope is int hall) q = q.Where(t => t.HallId == hall);
        return await (from t in q
                      join h in db.Halls on t.HallId equals h.Id
                      orderby t.Date descending, t.StartTime descending, t.Id descending
                      select new TrainingListRow(t.Id, h.Name, t.Date, t.StartTime, t.EndTime, t.Topic, t.Trainer, t.Audience, t.Status,
                          t.People.Count(p => p.Planned), t.People.Count(p => p.SignedInUtc != null), t.AttendeeCount))
            .Take(500).ToListAsync(ct);
    }

    public async Task<TrainingDetail?> GetAsync(int id, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        var scope = by.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Trainings.AsNoTracking().Include(t => t.People).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (session is null || (scope is int hall && session.HallId != hall)) return null;
        session.People = [.. session.People.OrderBy(p => !p.Planned).ThenBy(p => p.Id)];
        var h = await db.Halls.AsNoTracking().SingleAsync(x => x.Id == session.HallId, ct);
        var responses = await db.TrainingResponses.CountAsync(r => r.TrainingId == id, ct);
        return new TrainingDetail(session, h.Name, h.Code, responses);
    }

    /// <summary>The public survey page's content for a token, or null for an unknown one.</summary>
    public async Task<SurveyPage?> SurveyAsync(string? token, CancellationToken ct = default)
    {
        if (!TrainingSurvey.IsWellFormed(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await (from t in db.Trainings.AsNoTracking()
                           where t.SurveyToken == token
                           join h in db.Halls on t.HallId equals h.Id
                           select new { h.Name, t.Topic, t.Date, t.Status, t.Questions }).FirstOrDefaultAsync(ct);
        return found is null ? null : new SurveyPage(found.Name, found.Topic, found.Date, found.Status, TrainingSurvey.QuestionsOf(found.Questions));
    }

    public async Task<TrainingSummary> SummaryAsync(TrainingDetail detail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sheets = (await db.TrainingResponses.AsNoTracking().Where(r => r.TrainingId == detail.Session.Id).OrderBy(r => r.Id)
            .Select(r => r.Answers).ToListAsync(ct)).Select(a => JsonSerializer.Deserialize<string?[]>(a) ?? []).ToList();
        var questions = detail.Questions;
        var ratings = new List<RatingResult>();
        var texts = new List<TextResult>();
        for (var i = 0; i < questions.Count; i++)
        {
            var answers = sheets.Select(s => i < s.Length ? s[i] : null).Where(a => a is not null).Select(a => a!).ToList();
            if (questions[i].Kind == QuestionKind.Rating)
            {
                var scores = answers.Select(a => int.TryParse(a, out var n) ? n : 0).Where(n => n is >= 1 and <= 5).ToList();
                ratings.Add(new RatingResult(questions[i].Text, scores.Count, scores.Count == 0 ? null : scores.Average(),
                    [.. Enumerable.Range(1, 5).Select(n => scores.Count(s => s == n))]));
            }
            else texts.Add(new TextResult(questions[i].Text, answers));
        }
        var people = detail.Session.People;
        return new TrainingSummary(people.Count(p => p.Planned), people.Count(p => p.Planned && p.SignedInUtc != null),
            people.Count(p => !p.Planned && p.SignedInUtc != null), sheets.Count, ratings, texts);
    }

    /// <summary>The hall's active engineers, to pick attendees from.</summary>
    public async Task<IReadOnlyList<PersonChoice>> PeopleAsync(int hallId, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        by.RequireHall(hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId && e.IsActive && e.LeftUtc == null).OrderBy(e => e.Id)
            .Select(e => new PersonChoice(e.Id, e.Name, e.EmployeeNo)).ToListAsync(ct);
    }

    /// <summary>An engineer's trainings, planned or attended, newest first; null for an engineer the actor may not see.</summary>
    public async Task<(string Name, IReadOnlyList<HistoryRow> Rows)?> HistoryAsync(int engineerId, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        var scope = by.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await db.Engineers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == engineerId, ct);
        if (engineer is null || (scope is int hall && engineer.HallId != hall)) return null;
        var rows = await (from a in db.TrainingAttendees.AsNoTracking()
                          where a.EngineerId == engineerId
                          join t in db.Trainings on a.TrainingId equals t.Id
                          orderby t.Date descending, t.Id descending
                          select new HistoryRow(t.Id, t.Date, t.Topic, t.Trainer, t.Status, a.Planned, a.SignedInUtc)).ToListAsync(ct);
        return (engineer.Name, rows);
    }
}
