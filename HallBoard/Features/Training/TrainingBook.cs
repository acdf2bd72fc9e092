using HallBoard.Features.Account;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Training;

public sealed record TrainingPlanInput(
    DateOnly? Date, TimeOnly? Start, TimeOnly? End, string? Place, string? Audience, string? Topic, string? Outline,
    string? Trainer, IReadOnlyList<int> EngineerIds);

/// <summary>
/// The commands of a training session: plan (HallLead and above), sign people in on the day (any staff member on the
/// hall's tablet), finish as held or cancelled, configure the survey and write the conclusion (HallLead and above),
/// and the anonymous survey answers. Each command is one save with its audit entry.
/// </summary>
public sealed class TrainingBook(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string EntityType = "Training";
    public const int MaxAnswer = 500;

    /// <summary>Whoever answers the survey: nobody known, so nothing about the person goes into the audit.</summary>
    public static readonly Actor Respondent = new("anonymous", "匿名参训人员");

    public async Task<int> PlanAsync(int hallId, TrainingPlanInput input, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingPlanners);
        by.RequireHall(hallId);
        var errors = new Dictionary<string, string[]>();
        if (input.Date is not { } date) errors["date"] = ["请选择培训日期。"];
        else if (date < time.Today) errors["date"] = ["培训日期早于今天：培训计划只安排今天及以后的培训。"];
        else if (date > time.Today.AddYears(1)) errors["date"] = ["培训日期太远（最多一年以内）。"];
        if (input.Start is null) errors["start"] = ["请填写开始时间。"];
        if (input.Start is { } s && input.End is { } e && e <= s) errors["end"] = ["结束时间须晚于开始时间。"];
        var place = Required(input.Place, "place", "培训地点", TrainingSession.MaxPlace, errors);
        var audience = Required(input.Audience, "audience", "培训对象", TrainingSession.MaxAudience, errors);
        var topic = Required(input.Topic, "topic", "培训主题", TrainingSession.MaxTopic, errors);
        var trainer = Required(input.Trainer, "trainer", "培训讲师", 50, errors);
        var outline = Optional(input.Outline, "outline", "培训大纲", TrainingSession.MaxText, errors);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await PeopleOfHallAsync(db, hallId, input.EngineerIds, ct);
        var now = time.UtcNow;
        var session = new TrainingSession
        {
            HallId = hallId, Date = input.Date!.Value, StartTime = input.Start, EndTime = input.End, Place = place,
            Audience = audience, Topic = topic!, Outline = outline, Trainer = trainer!, Attendees = "", AttendeeCount = 0,
            Status = TrainingStatus.Planned, CreatedUtc = now, CreatedByName = by.Name, SurveyToken = NewToken(),
        };
        session.People.AddRange(people.Select(p => new TrainingAttendee { EngineerId = p.Id, Name = p.Name, Planned = true }));
        db.Trainings.Add(session);
        db.Audit(by, now, "计划培训", EntityType, null, null, JsonSerializer.Serialize(new
        {
            date = Day(session.Date), start = input.Start?.ToString("HH:mm", CultureInfo.InvariantCulture), place, audience, topic, trainer,
            planned = people.Select(p => p.Name),
        }), hallId);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Adds engineers of the hall to a planned session's list of planned attendees.</summary>
    public async Task AddPlannedAsync(int id, IReadOnlyList<int> engineerIds, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingPlanners);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        if (session.Status != TrainingStatus.Planned) throw new TrainingRuleException("只有计划中的培训可以增加计划参训人员。");
        var people = await PeopleOfHallAsync(db, session.HallId, engineerIds, ct);
        var added = people.Where(p => session.People.All(a => a.EngineerId != p.Id)).ToList();
        if (added.Count == 0) return;
        session.People.AddRange(added.Select(p => new TrainingAttendee { EngineerId = p.Id, Name = p.Name, Planned = true }));
        var now = time.UtcNow;
        db.Audit(by, now, "增加计划参训人员", EntityType, Id(id), null, string.Join("、", added.Select(p => p.Name)), session.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Signs a person on the sheet in, timestamped; on the session's day only.</summary>
    public async Task SignInAsync(int id, int attendeeId, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        CheckSignInDay(session);
        var person = session.People.FirstOrDefault(p => p.Id == attendeeId) ?? throw new NotFoundException("签到表上没有此人。");
        if (person.SignedInUtc is not null) throw new TrainingRuleException($"{person.Name} 已签到。");
        var now = time.UtcNow;
        person.SignedInUtc = now;
        person.SignedInByName = by.Name;
        db.Audit(by, now, "培训签到", EntityType, Id(id), null, person.Name, session.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds someone who was not planned (an engineer of the hall, or a person known by name) and signs them in.</summary>
    public async Task AddAndSignInAsync(int id, int? engineerId, string? name, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingReaders);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        CheckSignInDay(session);
        string who;
        if (engineerId is int eid)
        {
            who = (await PeopleOfHallAsync(db, session.HallId, [eid], ct)).Single().Name;
            if (session.People.Any(p => p.EngineerId == eid)) throw new TrainingRuleException($"{who} 已在签到表上，请直接点“签到”。");
        }
        else
        {
            var errors = new Dictionary<string, string[]>();
            who = Required(name, "name", "姓名", 50, errors, isName: true)!;
            if (errors.Count > 0) throw new ValidationFailedException(errors);
        }
        var now = time.UtcNow;
        session.People.Add(new TrainingAttendee { EngineerId = engineerId, Name = who, Planned = false, SignedInUtc = now, SignedInByName = by.Name });
        db.Audit(by, now, "培训签到（临时增加）", EntityType, Id(id), null, who, session.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks a planned session held (its attendees become the signed-in people) or cancelled.</summary>
    public async Task FinishAsync(int id, TrainingStatus outcome, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingPlanners);
        if (outcome is not (TrainingStatus.Held or TrainingStatus.Cancelled)) throw ValidationFailedException.For("status", "状态无效。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        if (session.Status != TrainingStatus.Planned) throw new TrainingRuleException($"该培训已{Labels.Of(session.Status)}。");
        if (outcome == TrainingStatus.Held)
        {
            if (session.Date > time.Today) throw new TrainingRuleException("培训日期未到，不能标记为已举行。");
            var signed = session.People.Where(p => p.SignedInUtc is not null).OrderBy(p => p.SignedInUtc).Select(p => p.Name).ToList();
            if (signed.Count == 0) throw new TrainingRuleException("还没有人签到，不能标记为已举行。");
            session.AttendeeCount = signed.Count;
            var names = string.Join("、", signed);
            session.Attendees = names.Length <= TrainingSession.MaxAttendees ? names : names[..(TrainingSession.MaxAttendees - 1)] + "…";
        }
        session.Status = outcome;
        session.Version++;
        db.Audit(by, time.UtcNow, outcome == TrainingStatus.Held ? "培训已举行" : "取消培训", EntityType, Id(id),
            Labels.Of(TrainingStatus.Planned), Labels.Of(outcome), session.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets the survey's questions (one per line); refused once anyone has answered, so answers keep their meaning.</summary>
    public async Task SetQuestionsAsync(int id, string? ratingLines, string? textLines, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingPlanners);
        var questions = TrainingSurvey.Parse(ratingLines, textLines);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        if (await db.TrainingResponses.AnyAsync(r => r.TrainingId == id, ct))
            throw new TrainingRuleException("已有人提交调查表，问题不能再修改。");
        var before = session.Questions;
        session.Questions = JsonSerializer.Serialize(questions);
        session.Version++;
        db.Audit(by, time.UtcNow, "设置培训调查问题", EntityType, Id(id), before, session.Questions, session.HallId);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetConclusionAsync(int id, string? conclusion, int? expectedVersion, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.TrainingPlanners);
        var errors = new Dictionary<string, string[]>();
        var text = Required(conclusion, "conclusion", "总结结论", TrainingSession.MaxText, errors);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await FindAsync(db, id, by, ct);
        if (expectedVersion is int v && v != session.Version) throw new TrainingRuleException("该培训已被他人修改，请刷新后再试。");
        var before = session.Conclusion;
        var now = time.UtcNow;
        session.Conclusion = text;
        session.ConclusionByName = by.Name;
        session.ConclusionUtc = now;
        session.Version++;
        db.Audit(by, now, "编辑培训总结结论", EntityType, Id(id), before, text, session.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One anonymous answer sheet for the session the token belongs to: the answers and nothing about the person.</summary>
    public async Task SubmitSurveyAsync(string? token, IReadOnlyDictionary<string, string?> form, CancellationToken ct = default)
    {
        if (!TrainingSurvey.IsWellFormed(token)) throw new NotFoundException("调查链接无效。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Trainings.FirstOrDefaultAsync(t => t.SurveyToken == token, ct) ?? throw new NotFoundException("调查链接无效。");
        if (session.Status == TrainingStatus.Cancelled) throw new TrainingRuleException("该培训已取消，无需填写调查表。");
        var answers = TrainingSurvey.Read(TrainingSurvey.QuestionsOf(session), form);
        db.TrainingResponses.Add(new TrainingResponse { TrainingId = session.Id, Answers = JsonSerializer.Serialize(answers) });
        db.Audit(Respondent, time.UtcNow, "提交培训效果调查", EntityType, Id(session.Id), null, null, session.HallId);
        await db.SaveChangesAsync(ct);
    }

    private void CheckSignInDay(TrainingSession session)
    {
        if (session.Status != TrainingStatus.Planned) throw new TrainingRuleException($"该培训已{Labels.Of(session.Status)}，不能再签到。");
        if (session.Date != time.Today) throw new TrainingRuleException($"只能在培训当天（{Day(session.Date)}）签到。");
    }

    /// <summary>The session with its people, if the actor's hall holds it; another hall's session is "not found".</summary>
    private static async Task<TrainingSession> FindAsync(HallDbContext db, int id, Actor by, CancellationToken ct)
    {
        var scope = by.HallScope;
        var session = await db.Trainings.Include(t => t.People).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (session is null || (scope is int hall && session.HallId != hall)) throw new NotFoundException("培训不存在。");
        return session;
    }

    private static async Task<List<Engineer>> PeopleOfHallAsync(HallDbContext db, int hallId, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return [];
        var found = await db.Engineers.AsNoTracking().Where(e => wanted.Contains(e.Id) && e.HallId == hallId && e.IsActive && e.LeftUtc == null)
            .OrderBy(e => e.Id).ToListAsync(ct);
        if (found.Count != wanted.Count) throw ValidationFailedException.For("people", "所选人员不存在、已离职或不属于本厅。");
        return found;
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? Required(string? text, string field, string name, int max, Dictionary<string, string[]> errors, bool isName = false)
    {
        var value = Optional(text, field, name, max, errors, isName);
        if (value is null && !errors.ContainsKey(field)) errors[field] = [$"请填写{name}。"];
        return value;
    }

    internal static string? Optional(string? text, string field, string name, int max, Dictionary<string, string[]> errors, bool isName = false)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (value is null) return null;
        if (value.Length > max) errors[field] = [$"{name}过长（最多 {max} 字）。"];
        else if ((isName ? TextRules.NameProblem(value) : TextRules.Problem(value)) is { } why) errors[field] = [name + why];
        return value;
    }
}

public sealed class TrainingRuleException(string message) : HallBoardException(message);
