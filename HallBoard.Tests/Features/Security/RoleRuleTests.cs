using HallBoard.Domain;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Incidents;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Knowledge;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Security;

/// <summary>The seed's role rules, enforced by the services: engineers draft and leads publish; any staff declares a
/// major incident and a lead closes it; a rated ticket is reopened by a lead and its rating stays on record.</summary>
public sealed class RoleRuleTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task An_engineer_drafts_but_only_the_lead_publishes_and_retires()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var knowledge = app.Get<KnowledgeCommands>();
        var draft = await knowledge.CreateAsync(hall.Id, KnowledgeApp.Article("工程师起草的条目", "步骤一"), hall.Engineer(1));

        var publish = await Assert.ThrowsAsync<ForbiddenException>(() => knowledge.PublishAsync(draft.Id, draft.Revision, hall.Engineer(1)));
        Assert.Equal(Actor.NoRightMessage, publish.Message);
        Assert.Equal(ArticleStatus.Draft, (await app.Get<KnowledgeQueries>().GetAsync(draft.Id, hall.Id))!.Row.Status);

        var published = await knowledge.PublishAsync(draft.Id, draft.Revision, hall.Lead);
        Assert.Equal(ArticleStatus.Published, published.Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => knowledge.RetireAsync(draft.Id, published.Revision, hall.Engineer(1)));
        Assert.Equal(ArticleStatus.Published, (await app.Get<KnowledgeQueries>().GetAsync(draft.Id, hall.Id))!.Row.Status);
        Assert.Equal(ArticleStatus.Retired, (await knowledge.RetireAsync(draft.Id, published.Revision, hall.Lead)).Status);
    }

    [Fact]
    public async Task Any_staff_declares_a_major_incident_and_only_the_lead_closes_it()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var incidents = app.Get<IncidentCommands>();
        var now = app.Get<HallTime>().UtcNow;
        var id = await incidents.DeclareAsync(new IncidentDraft
        {
            Title = "全厅电子税务局无法登录", Channels = [Channel.ETaxWeb], Business = "网上申报", StartUtc = now.AddMinutes(-20),
        }, [], hall.Engineer(1));
        await incidents.AddActionAsync(id, "重启认证服务", now.AddMinutes(-10), hall.Engineer(1));

        var close = await Assert.ThrowsAsync<ForbiddenException>(() => incidents.CloseAsync(id, now, "证书过期", "更新证书", hall.Engineer(1)));
        Assert.Equal(Actor.NoRightMessage, close.Message);
        Assert.True((await app.Get<IncidentQueries>().GetAsync(id, hall.Id))!.Incident.IsOpen);

        await incidents.CloseAsync(id, now, "证书过期", "更新证书", hall.Lead);
        Assert.Equal(IncidentStatus.Closed, (await app.Get<IncidentQueries>().GetAsync(id, hall.Id))!.Incident.Status);
    }

    [Fact]
    public async Task A_rated_ticket_is_reopened_only_by_the_lead_and_its_bad_rating_stays_listed_and_counted()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var tickets = app.Get<TicketCommands>();
        var engineer = hall.Engineer(1);
        var ticket = await hall.IntakeAsync(app, "满意度测试", takenBy: 1);
        await tickets.ResolveAsync(ticket.Id, null, "重装驱动", engineer);
        await tickets.RateAsync(ticket.Id, null, SatisfactionLevel.VeryDissatisfied, "还是打不出来", RatingSource.CallBack, engineer);

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => tickets.ReopenAsync(ticket.Id, null, "纳税人说没解决", engineer));
        Assert.Equal("已评价的工单只能由办税服务厅负责人或以上角色重新打开。", refused.Message);
        var stillRated = (await app.Get<TicketQueries>().GetAsync(engineer, ticket.Id))!;
        Assert.Equal(SatisfactionLevel.VeryDissatisfied, stillRated.Rating);
        Assert.Equal(0, stillRated.ReopenCount);

        await tickets.ReopenAsync(ticket.Id, null, "纳税人说没解决", hall.Lead);

        var reopened = (await app.Get<TicketQueries>().GetAsync(hall.Lead, ticket.Id))!;
        Assert.Equal(TicketStatus.InProgress, reopened.Row.Status);
        Assert.Null(reopened.Rating);
        var earlier = Assert.Single(reopened.EarlierRatings);
        Assert.Equal((SatisfactionLevel.VeryDissatisfied, "还是打不出来"), (earlier.Level, earlier.Comment));
        Assert.Equal(1, await LevelCountAsync(hall, SatisfactionLevel.VeryDissatisfied));

        // Solved this time and rated again: both ratings are on record and both count on the ticket's day.
        await tickets.ResolveAsync(ticket.Id, null, "更换打印机", engineer);
        await tickets.RateAsync(ticket.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, engineer);
        var rerated = (await app.Get<TicketQueries>().GetAsync(engineer, ticket.Id))!;
        Assert.Equal([SatisfactionLevel.VeryDissatisfied, SatisfactionLevel.Satisfied], rerated.RatingHistory.Select(r => r.Level));
        Assert.Equal(SatisfactionLevel.VeryDissatisfied, Assert.Single(rerated.EarlierRatings).Level);
        Assert.Equal(1, await LevelCountAsync(hall, SatisfactionLevel.VeryDissatisfied));
        Assert.Equal(1, await LevelCountAsync(hall, SatisfactionLevel.Satisfied));
    }

    [Fact]
    public async Task The_rebuilt_dashboard_still_counts_a_rating_a_reopen_cleared()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var tickets = app.Get<TicketCommands>();
        var ticket = await hall.IntakeAsync(app, "重建测试", takenBy: 1);
        await tickets.ResolveAsync(ticket.Id, null, "处理完毕", hall.Engineer(1));
        await tickets.RateAsync(ticket.Id, null, SatisfactionLevel.Dissatisfied, null, RatingSource.CallBack, hall.Engineer(1));
        await tickets.ReopenAsync(ticket.Id, null, "未解决", hall.Lead);

        await app.WithDbAsync(db => DashboardRollup.RebuildAsync(db, app.Get<DashboardRollup>().Zone));

        Assert.Equal(1, await LevelCountAsync(hall, SatisfactionLevel.Dissatisfied));
    }

    private async Task<int> LevelCountAsync(TestHall hall, SatisfactionLevel level)
    {
        var day = DashboardPeriod.Current(PeriodKind.Day, app.Get<HallTime>().Today);
        var figures = await app.Get<DashboardQueries>().FiguresAsync(hall.Lead, hall.Id, day);
        return figures.Satisfaction.Levels.Single(l => l.Level == level).Count;
    }
}
