using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Incidents;
using HallBoard.Features.Knowledge;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Knowledge;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Security;

/// <summary>Hall scoping fails closed (docs/security.md): no hall sees nothing, another hall's record is not there,
/// and a wall screen runs no command. Checked in the services, so a hand-made request meets the same rule.</summary>
public sealed class HallScopeTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private static Actor NoHall(string role) => HallAppFactory.As(role, $"test:nohall:{role}", "未分配服务厅", null);

    [Fact]
    public async Task An_account_without_a_hall_is_refused_by_the_queue_knowledge_dashboard_and_reports()
    {
        var hall = await app.DemoHallAsync();
        var day = DashboardPeriod.Current(PeriodKind.Day, app.Get<HallTime>().Today);

        var refusals = new List<ForbiddenException>
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<TicketQueries>().ListAsync(NoHall(Roles.Engineer), new TicketFilter())),
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<TicketQueries>().GetAsync(NoHall(Roles.Engineer), 1)),
            await Assert.ThrowsAsync<ForbiddenException>(() =>
                app.Get<KnowledgeCommands>().CreateAsync(hall.Id, KnowledgeApp.Article("无厅账号的条目", "步骤"), NoHall(Roles.Engineer))),
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<DashboardQueries>().HallsAsync(NoHall(Roles.HallLead))),
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<DashboardQueries>().FiguresAsync(NoHall(Roles.HallLead), hall.Id, day)),
            await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<ReportHalls>().ForAsync(NoHall(Roles.Manager), hall.Id)),
        };

        Assert.All(refusals, r => Assert.Equal(Actor.NoHallMessage, r.Message));
        Assert.False(await app.WithDbAsync(db => db.KnowledgeArticles.AnyAsync(a => a.Question == "无厅账号的条目")));
        // The administrator has no hall either, and sees every hall.
        Assert.Equal(hall.Id, await app.Get<ReportHalls>().ForAsync(HallAppFactory.Admin, hall.Id));
        Assert.Contains(await app.Get<DashboardQueries>().HallsAsync(HallAppFactory.Admin), h => h.Id == hall.Id);
    }

    [Fact]
    public async Task An_account_without_a_hall_signs_in_and_its_pages_show_why_instead_of_data()
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AccountSeeder>()
                .CreateUserAsync("nohall-eng", "未分配工程师", DemoData.Password, Roles.Engineer, null, null);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        await FormPost.SignInAsync(browser, "nohall-eng", DemoData.Password);

        foreach (var page in new[] { "/queue", "/knowledge" })
        {
            var html = await browser.GetStringAsync(page);
            Assert.Contains(Actor.NoHallMessage, html);
            Assert.DoesNotContain("王五", html); // a waiting demo ticket the hall's queue lists
        }
    }

    [Fact]
    public async Task A_lead_of_one_hall_cannot_read_or_change_another_halls_ticket_article_or_incident()
    {
        var a = await TestHall.CreateAsync(app, engineers: 1);
        var b = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await b.IntakeAsync(app, "乙厅纳税人", takenBy: 1);
        var article = await app.PublishedAsync(b.Lead, "乙厅的知识条目", "步骤");
        var incident = await app.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "乙厅自助终端断网", Channels = [Channel.SelfServiceTerminal], Business = "发票领用",
            StartUtc = app.Get<HallTime>().UtcNow.AddMinutes(-10),
        }, [], b.Engineer(1));
        var leadA = a.Lead;

        Assert.Null(await app.Get<TicketQueries>().GetAsync(leadA, ticket.Id));
        Assert.DoesNotContain((await app.Get<TicketQueries>().ListAsync(leadA, new TicketFilter { View = QueueView.All })).Rows,
            r => r.Id == ticket.Id);
        Assert.Null(await app.Get<KnowledgeQueries>().GetAsync(article.Id, leadA.HallScope));
        Assert.Null(await app.Get<IncidentQueries>().GetAsync(incident, leadA.HallScope));

        var changes = new List<NotFoundException>
        {
            await Assert.ThrowsAsync<NotFoundException>(() => app.Get<TicketCommands>().ResolveAsync(ticket.Id, null, "越厅解决", leadA)),
            await Assert.ThrowsAsync<NotFoundException>(() => app.Get<KnowledgeCommands>().RetireAsync(article.Id, null, leadA)),
            await Assert.ThrowsAsync<NotFoundException>(() => app.Get<IncidentCommands>().CloseAsync(incident, app.Get<HallTime>().UtcNow, "原因", "措施", leadA)),
        };

        Assert.Equal(["工单不存在。", "知识条目不存在。", "重大事件不存在。"], changes.Select(c => c.Message));
        Assert.Equal(TicketStatus.InProgress, (await app.Get<TicketQueries>().GetAsync(b.Lead, ticket.Id))!.Row.Status);
        Assert.Equal(ArticleStatus.Published, (await app.Get<KnowledgeQueries>().GetAsync(article.Id, b.Id))!.Row.Status);
        Assert.True((await app.Get<IncidentQueries>().GetAsync(incident, b.Id))!.Incident.IsOpen);
    }

    [Fact]
    public async Task A_wall_screen_account_runs_no_ticket_command()
    {
        var hall = await app.DemoHallAsync();
        var wall = await app.ActorAsync("wall");
        var engineer = await app.EngineerActorAsync(6);
        var before = await app.WithDbAsync(db => db.Tickets.CountAsync());

        var intake = await Assert.ThrowsAsync<ForbiddenException>(() => app.Get<TicketCommands>().IntakeAsync(hall.Id,
            new TicketDraft { TaxpayerName = "大屏录入", Description = "不应保存" }, wall, takeNow: false));
        var ticket = await app.Get<TicketCommands>().IntakeAsync(hall.Id,
            new TicketDraft { TaxpayerName = "大屏测试", Description = "大屏不能受理" }, engineer, takeNow: false);
        var take = await Assert.ThrowsAsync<ForbiddenException>(() =>
            app.Get<TicketCommands>().TakeAsync(ticket.Id, null, engineer.EngineerId!.Value, wall));

        Assert.Equal(Actor.NoRightMessage, intake.Message);
        Assert.Equal(Actor.NoRightMessage, take.Message);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(TicketStatus.Waiting, (await app.Get<TicketQueries>().GetAsync(engineer, ticket.Id))!.Row.Status);
    }
}
