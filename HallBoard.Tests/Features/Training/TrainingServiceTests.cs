using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Training;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Training;

/// <summary>Training sessions on SQLite, each test in a hall of its own on a driven clock: who may plan, hall scoping,
/// the anonymous survey and the summary's figures against hand-counted data.</summary>
public sealed class TrainingServiceTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private TrainingBook Book => app.Get<TrainingBook>();
    private TrainingQueries Queries => app.Get<TrainingQueries>();
    private DateOnly Today => app.Get<HallTime>().Today;

    private TrainingPlanInput Plan(TestHall hall, params int[] engineers) => new(Today, new TimeOnly(14, 0), new TimeOnly(16, 0), "三楼会议室",
        "驻场工程师", "新版电子税务局操作培训", "1. 登录与身份认证\n2. 常见报错处理", "李讲师",
        [.. engineers.Select(n => hall.Engineer(n).EngineerId!.Value)]);

    [Fact]
    public async Task An_engineer_cannot_plan_a_training_but_sees_the_plans_of_the_hall()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Book.PlanAsync(hall.Id, Plan(hall, 1), hall.Engineer(1)));
        Assert.Equal(Actor.NoRightMessage, refused.Message);
        Assert.Empty(await Queries.ListAsync(hall.Engineer(1)));

        var id = await Book.PlanAsync(hall.Id, Plan(hall, 1, 2), hall.Lead);
        var row = Assert.Single(await Queries.ListAsync(hall.Engineer(1)));
        Assert.Equal((id, TrainingStatus.Planned, 2), (row.Id, row.Status, row.Planned));
        await Assert.ThrowsAsync<ForbiddenException>(() => Book.FinishAsync(id, TrainingStatus.Cancelled, hall.Engineer(1)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Book.SetConclusionAsync(id, "效果良好", null, hall.Engineer(1)));
        Assert.Equal("计划培训", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.HallId == hall.Id && a.EntityType == "Training").Select(a => a.Action).SingleAsync()));
    }

    [Fact]
    public async Task A_session_of_another_hall_is_not_found_and_cannot_be_signed_in_or_planned_for()
    {
        var ours = await TestHall.CreateAsync(app, engineers: 1);
        var theirs = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Book.PlanAsync(theirs.Id, Plan(theirs, 1), theirs.Lead);
        var attendee = await app.WithDbAsync(db => db.TrainingAttendees.Where(a => a.TrainingId == id).Select(a => a.Id).SingleAsync());

        Assert.Null(await Queries.GetAsync(id, ours.Lead));
        Assert.Null(await Queries.GetAsync(id, ours.Engineer(1)));
        Assert.DoesNotContain(await Queries.ListAsync(ours.Lead), r => r.Id == id);
        await Assert.ThrowsAsync<NotFoundException>(() => Book.SignInAsync(id, attendee, ours.Engineer(1)));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.FinishAsync(id, TrainingStatus.Cancelled, ours.Lead));
        await Assert.ThrowsAsync<ForbiddenException>(() => Book.PlanAsync(theirs.Id, Plan(theirs), ours.Lead));
        // Someone of the other hall cannot be put on our plan either.
        await Assert.ThrowsAsync<ValidationFailedException>(() => Book.PlanAsync(ours.Id, Plan(theirs, 1), ours.Lead));
        Assert.Null(await app.WithDbAsync(db => db.TrainingAttendees.Where(a => a.TrainingId == id).Select(a => a.SignedInUtc).SingleAsync()));
    }

    [Fact]
    public async Task The_survey_is_anonymous_and_each_session_has_its_own_token()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var first = await Book.PlanAsync(hall.Id, Plan(hall, 1), hall.Lead);
        var second = await Book.PlanAsync(hall.Id, Plan(hall, 1), hall.Lead);
        var tokens = await app.WithDbAsync(db => db.Trainings.Where(t => t.Id == first || t.Id == second).OrderBy(t => t.Id).Select(t => t.SurveyToken!).ToListAsync());
        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.All(tokens, t => Assert.True(t.Length >= 32));

        await Book.SubmitSurveyAsync(tokens[0], Answers("5", "4", "5", "4", "5", "学会了排查登录问题", ""));

        var (detailFirst, detailSecond) = (await Queries.GetAsync(first, hall.Lead), await Queries.GetAsync(second, hall.Lead));
        Assert.Equal((1, 0), (detailFirst!.Responses, detailSecond!.Responses));
        var stored = await app.WithDbAsync(db => db.TrainingResponses.SingleAsync(r => r.TrainingId == first));
        Assert.DoesNotContain(hall.Engineer(1).Name, stored.Answers);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.HallId == hall.Id && a.Action == "提交培训效果调查"));
        Assert.Equal((TrainingBook.Respondent.Id, TrainingBook.Respondent.Name, (string?)null), (audit.ActorId, audit.ActorName, audit.After));

        await Assert.ThrowsAsync<NotFoundException>(() => Book.SubmitSurveyAsync(tokens[0][..^2] + "zz", Answers("5", "5", "5", "5", "5")));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.SubmitSurveyAsync("../" + tokens[0], Answers("5", "5", "5", "5", "5")));
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => Book.SubmitSurveyAsync(tokens[1], Answers("5", "9")));
        Assert.Contains("请为第 2 题", missing.Message);
        await Book.FinishAsync(second, TrainingStatus.Cancelled, hall.Lead);
        await Assert.ThrowsAsync<TrainingRuleException>(() => Book.SubmitSurveyAsync(tokens[1], Answers("5", "5", "5", "5", "5")));
        Assert.Equal(1, await app.WithDbAsync(db => db.TrainingResponses.CountAsync(r => r.TrainingId == first || r.TrainingId == second)));
    }

    [Fact]
    public async Task The_summary_counts_attendance_and_survey_results_as_counted_by_hand_and_the_held_session_reaches_the_monthly_records()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 5);
        var id = await Book.PlanAsync(hall.Id, Plan(hall, 1, 2, 3, 4), hall.Lead);
        await Book.SetQuestionsAsync(id, "内容实用性\n讲解清晰度", "建议", hall.Lead);
        var people = await app.WithDbAsync(db => db.TrainingAttendees.Where(a => a.TrainingId == id).OrderBy(a => a.Id).ToListAsync());
        foreach (var p in people.Take(3)) await Book.SignInAsync(id, p.Id, hall.Engineer(1));
        await Book.AddAndSignInAsync(id, hall.Engineer(5).EngineerId, null, hall.Engineer(1));
        await Book.AddAndSignInAsync(id, null, "税务局王科长", hall.Engineer(1));
        await Assert.ThrowsAsync<TrainingRuleException>(() => Book.SignInAsync(id, people[0].Id, hall.Engineer(1)));

        await Book.SubmitSurveyAsync(await TokenAsync(id), Answers("5", "4", "多讲案例"));
        await Book.SubmitSurveyAsync(await TokenAsync(id), Answers("4", "4", ""));
        await Book.SubmitSurveyAsync(await TokenAsync(id), Answers("3", "2", "时间太短"));
        await Assert.ThrowsAsync<TrainingRuleException>(() => Book.SetQuestionsAsync(id, "新问题", null, hall.Lead));
        await Book.FinishAsync(id, TrainingStatus.Held, hall.Lead);
        await Book.SetConclusionAsync(id, "培训目标达成，下次增加案例。", null, hall.Lead);

        var detail = (await Queries.GetAsync(id, hall.Engineer(2)))!;
        var summary = await Queries.SummaryAsync(detail);
        // By hand: planned 4, of whom 3 signed in; 2 more added on the day; 3 sheets.
        Assert.Equal((4, 3, 2, 5, 3), (summary.Planned, summary.PlannedSignedIn, summary.Extra, summary.SignedIn, summary.Responses));
        Assert.Equal(0.75, summary.AttendanceRate);
        Assert.Equal(["内容实用性", "讲解清晰度"], summary.Ratings.Select(r => r.Question));
        Assert.Equal(4.0, summary.Ratings[0].Average!.Value, 6);              // (5 + 4 + 3) / 3
        Assert.Equal(10.0 / 3, summary.Ratings[1].Average!.Value, 6);         // (4 + 4 + 2) / 3
        Assert.Equal([0, 0, 1, 1, 1], summary.Ratings[0].Distribution);
        Assert.Equal([0, 1, 0, 2, 0], summary.Ratings[1].Distribution);
        Assert.Equal(["多讲案例", "时间太短"], Assert.Single(summary.Texts).Answers);

        var document = TrainingDocuments.Build(TrainingDocumentKind.Summary, detail, summary, [], p => p, app.Get<HallTime>());
        var fields = document.Sections.SelectMany(s => s.Fields).ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(("4", "5", "75.0%", "3 份"), (fields["计划参训人数"], fields["实际签到人数"], fields["出勤率"], fields["回收调查表"]));
        Assert.Equal("培训目标达成，下次增加案例。", fields["结论"]);

        var held = Assert.Single(await app.Get<TeamRecords>().TrainingsAsync(hall.Id, Today, Today));
        Assert.Equal((id, 5), (held.Id, held.AttendeeCount));
        Assert.Contains("税务局王科长", held.Attendees);
        var history = (await Queries.HistoryAsync(hall.Engineer(4).EngineerId!.Value, hall.Lead))!.Value;
        Assert.Equal((true, (DateTime?)null), (Assert.Single(history.Rows).Planned, history.Rows[0].SignedInUtc));
        Assert.Equal(5, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.HallId == hall.Id && a.Action.StartsWith("培训签到"))));
    }

    [Fact]
    public async Task Planned_and_cancelled_sessions_are_not_counted_as_held()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var planned = await Book.PlanAsync(hall.Id, Plan(hall, 1), hall.Lead);
        var cancelled = await Book.PlanAsync(hall.Id, Plan(hall, 1), hall.Lead);
        await Book.FinishAsync(cancelled, TrainingStatus.Cancelled, hall.Lead);
        var refused = await Assert.ThrowsAsync<TrainingRuleException>(() => Book.FinishAsync(planned, TrainingStatus.Held, hall.Lead));
        Assert.Equal("还没有人签到，不能标记为已举行。", refused.Message);

        Assert.Empty(await app.Get<TeamRecords>().TrainingsAsync(hall.Id));
    }

    private Task<string> TokenAsync(int id) => app.WithDbAsync(db => db.Trainings.Where(t => t.Id == id).Select(t => t.SurveyToken!).SingleAsync());

    private static Dictionary<string, string?> Answers(params string[] values) =>
        values.Select((v, i) => (TrainingSurvey.Field(i), (string?)v)).ToDictionary(x => x.Item1, x => x.Item2);
}
