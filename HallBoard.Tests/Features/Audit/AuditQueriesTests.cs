using System.Net;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HallBoard.Tests.Features.Audit;

public sealed class AuditQueriesTests(AuditQueriesTests.App app) : IClassFixture<AuditQueriesTests.App>
{
    /// <summary>The app with its own database for this class.</summary>
    public sealed class App : HallAppFactory
    {
        protected override bool SharesSeededDemo => true;
    }

    private AuditQueries Audit => app.Get<AuditQueries>();
    private TicketCommands Commands => app.Get<TicketCommands>();

    [Fact]
    public async Task A_wrong_password_shows_up_as_a_sign_in_failure()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        var response = await FormPost.SignInAsync(client, "eng3", "wrong-password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?error=invalid", response.Headers.Location?.OriginalString);
        var page = await Audit.ListAsync(new AuditFilter { Action = "登录失败", EntityId = "eng3" });
        var failure = Assert.Single(page.Rows);
        Assert.Equal("李娜", failure.ActorName);
        Assert.Equal("User", failure.EntityType);
        Assert.Equal("eng3", failure.EntityId);
        Assert.Equal(HallBoard.Features.Account.SignInEndpoint.FailedOutcome, failure.After);
    }

    [Fact]
    public async Task A_sign_in_with_an_unknown_name_is_recorded_in_the_summary_of_its_address_and_minute()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        await FormPost.SignInAsync(client, "intruder", "123456");
        await app.Get<HallBoard.Features.Account.UnknownSignIns>().FlushAsync(all: true);

        var page = await Audit.ListAsync(new AuditFilter { Action = HallBoard.Features.Account.UnknownSignIns.Action });
        var failure = Assert.Single(page.Rows, r => r.After!.Contains("intruder"));
        Assert.Equal("未知用户", failure.ActorName);
        Assert.Contains("不存在的用户名 1 次", failure.After);
        Assert.Contains(HallBoard.Features.Account.UnknownSignIns.Action, await Audit.ActionsAsync());
    }

    [Fact]
    public async Task Filtering_by_actor_shows_only_that_persons_operations()
    {
        var hall = await app.DemoHallAsync();
        var zhang = await app.EngineerActorAsync(1);
        var wang = await app.EngineerActorAsync(2);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), zhang, takeNow: false);
        await Commands.TakeAsync(ticket.Id, ticket.Version, wang.EngineerId!.Value, wang);

        var page = await Audit.ListAsync(new AuditFilter { Actor = "王芳", PageSize = 200 });

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.Equal("王芳", r.ActorName));
        Assert.Contains(page.Rows, r => r.Action == "受理工单" && r.EntityId == ticket.Number);
        Assert.DoesNotContain(page.Rows, r => r.Action == "工单录入" && r.EntityId == ticket.Number);
    }

    [Fact]
    public async Task Filtering_by_ticket_number_shows_its_history_newest_first_with_before_and_after()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(4);
        var ticket = await Commands.IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        ticket = await Commands.ResolveAsync(ticket.Id, ticket.Version, "已处理", eng);

        var page = await Audit.ListAsync(new AuditFilter { EntityId = ticket.Number.ToLowerInvariant() });

        Assert.Equal(2, page.Total);
        Assert.Equal(["解决工单", "工单录入"], page.Rows.Select(r => r.Action));
        var resolved = page.Rows[0];
        Assert.Equal("刘洋", resolved.ActorName);
        Assert.Contains("状态=处理中", resolved.Before);
        Assert.Contains("状态=已解决", resolved.After);
    }

    [Fact]
    public async Task A_date_range_means_whole_days_in_china()
    {
        // 23:59 on 31 December and 00:00 on 1 January in the hall; both are 31 December in UTC.
        await AddEntriesAsync(
            Entry("DAY-TEST", new DateTime(2025, 12, 31, 15, 59, 0, DateTimeKind.Utc)),
            Entry("DAY-TEST", new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc)),
            Entry("DAY-TEST", new DateTime(2026, 1, 1, 15, 59, 59, DateTimeKind.Utc)),
            Entry("DAY-TEST", new DateTime(2026, 1, 1, 16, 0, 0, DateTimeKind.Utc)));

        var newYearsDay = await Audit.ListAsync(new AuditFilter { EntityId = "DAY-TEST", From = new(2026, 1, 1), To = new(2026, 1, 1) });
        var fromNewYear = await Audit.ListAsync(new AuditFilter { EntityId = "DAY-TEST", From = new(2026, 1, 1) });
        var untilNewYearsEve = await Audit.ListAsync(new AuditFilter { EntityId = "DAY-TEST", To = new(2025, 12, 31) });

        Assert.Equal([new DateTime(2026, 1, 1, 15, 59, 59), new DateTime(2025, 12, 31, 16, 0, 0)], newYearsDay.Rows.Select(r => r.AtUtc));
        Assert.Equal(3, fromNewYear.Total);
        Assert.Equal([new DateTime(2025, 12, 31, 15, 59, 0)], untilNewYearsEve.Rows.Select(r => r.AtUtc));
    }

    [Fact]
    public async Task Pages_come_newest_first_with_the_total()
    {
        var start = new DateTime(2025, 6, 1, 2, 0, 0, DateTimeKind.Utc);
        await AddEntriesAsync(Enumerable.Range(0, 30).Select(i => Entry($"PAGE-TEST-{i:00}", start.AddMinutes(i))).ToArray());

        var first = await Audit.ListAsync(new AuditFilter { EntityId = "PAGE-TEST", Page = 1, PageSize = 25 });
        var second = await Audit.ListAsync(new AuditFilter { EntityId = "PAGE-TEST", Page = 2, PageSize = 25 });

        Assert.Equal(30, first.Total);
        Assert.Equal(25, first.Rows.Count);
        Assert.Equal("PAGE-TEST-29", first.Rows[0].EntityId);
        Assert.Equal(["PAGE-TEST-04", "PAGE-TEST-03", "PAGE-TEST-02", "PAGE-TEST-01", "PAGE-TEST-00"], second.Rows.Select(r => r.EntityId));
    }

    [Fact]
    public async Task A_hall_scope_hides_other_halls_but_keeps_entries_of_no_hall()
    {
        var at = new DateTime(2025, 7, 1, 2, 0, 0, DateTimeKind.Utc);
        await AddEntriesAsync(
            Entry("SCOPE-TEST-MINE", at, hallId: 1),
            Entry("SCOPE-TEST-OTHER", at, hallId: 99),
            Entry("SCOPE-TEST-NONE", at, hallId: null));

        var scoped = await Audit.ListAsync(new AuditFilter { EntityId = "SCOPE-TEST", HallId = 1 });
        var all = await Audit.ListAsync(new AuditFilter { EntityId = "SCOPE-TEST" });

        Assert.Equal(["SCOPE-TEST-MINE", "SCOPE-TEST-NONE"], scoped.Rows.Select(r => r.EntityId).Order());
        Assert.Equal(3, all.Total);
    }

    [Fact]
    public async Task Only_admins_and_hall_leads_open_the_audit_page()
    {
        Assert.Equal(HttpStatusCode.OK, (await PageAsAsync("lead")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PageAsAsync("admin")).StatusCode);
        Assert.Contains("审计日志", WebUtility.HtmlDecode(await (await PageAsAsync("lead")).Content.ReadAsStringAsync()));

        var engineer = await PageAsAsync("eng5");
        Assert.Equal(HttpStatusCode.Redirect, engineer.StatusCode);
        Assert.Equal("/denied", PathOf(engineer.Headers.Location));
        var manager = await PageAsAsync("manager");
        Assert.Equal(HttpStatusCode.Redirect, manager.StatusCode);

        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await anonymous.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/login", PathOf(signIn.Headers.Location));
    }

    private static string? PathOf(Uri? location) =>
        location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private async Task<HttpResponseMessage> PageAsAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var signedIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        return await client.GetAsync("/audit");
    }

    private static TicketDraft Draft() => new()
    {
        TaxpayerName = "赵六",
        TaxpayerPhone = "13712345678",
        Channel = Channel.Counter,
        Category = Category.Payment,
        Kind = TicketKind.Consultation,
        Description = "三方协议缴款失败",
    };

    private static AuditEntry Entry(string entityId, DateTime atUtc, int? hallId = 1) => new()
    {
        AtUtc = atUtc,
        ActorId = "test",
        ActorName = "测试",
        Action = "测试操作",
        EntityType = "Test",
        EntityId = entityId,
        HallId = hallId,
    };

    private Task AddEntriesAsync(params AuditEntry[] entries) => app.WithDbAsync(async db =>
    {
        db.AuditEntries.AddRange(entries);
        return await db.SaveChangesAsync();
    });
}
