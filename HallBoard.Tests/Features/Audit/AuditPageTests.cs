using System.Security.Claims;
using System.Text.RegularExpressions;
using Bunit;
using HallBoard.Data;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Audit.Pages;
using HallBoard.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Features.Audit;

/// <summary>The audit page as a hall lead sees it, on the app's real audit queries and database.</summary>
public sealed class AuditPageTests : IClassFixture<AuditQueriesTests.App>, IAsyncLifetime
{
    private readonly AuditQueriesTests.App _app;
    private readonly BunitContext _ui = new();

    public AuditPageTests(AuditQueriesTests.App app)
    {
        _app = app;
        _ui.JSInterop.Mode = JSRuntimeMode.Loose;
        _ui.Services.AddMudServices();
        _ui.Services.AddSingleton(app.Get<AuditQueries>());
        _ui.Services.AddSingleton(app.Get<HallTime>());
        _ui.Services.AddSingleton(app.Get<AuditVerifier>());
        _ui.AddAuthorization().SetAuthorized("lead").SetRoles(Roles.HallLead)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "lead-id"), new Claim(HallClaims.DisplayName, "赵主任"), new Claim(HallClaims.HallId, "1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously.
    public Task DisposeAsync() => _ui.DisposeAsync().AsTask();

    [Fact]
    public async Task A_row_shows_local_time_actor_action_entity_and_the_change()
    {
        await AddAsync(new AuditEntry
        {
            AtUtc = new DateTime(2025, 8, 1, 2, 3, 4, DateTimeKind.Utc), ActorId = "u1", ActorName = "张伟", Action = "解决工单",
            EntityType = "Ticket", EntityId = "GX-20250801-0007", Before = "状态=处理中", After = "状态=已解决", HallId = 1,
        });
        var page = _ui.Render<AuditPage>();

        Search(page, entity: "GX-20250801-0007");

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("tbody tr"));
            var text = Regex.Replace(row.TextContent, @"\s+", " ");
            Assert.Contains("2025-08-01 10:03:04", text);
            Assert.Contains("张伟", text);
            Assert.Contains("解决工单", text);
            Assert.Contains("工单 GX-20250801-0007", text);
            Assert.Contains("状态=处理中 → 状态=已解决", text);
        });
    }

    [Fact]
    public async Task Searching_by_actor_narrows_the_rows_and_another_halls_entries_stay_hidden()
    {
        var at = new DateTime(2025, 9, 1, 2, 0, 0, DateTimeKind.Utc);
        await AddAsync(
            Entry("UI-ACTOR-1", "陈静", at, hallId: 1),
            Entry("UI-ACTOR-2", "杨磊", at.AddMinutes(1), hallId: 1),
            Entry("UI-ACTOR-3", "陈静", at.AddMinutes(2), hallId: 42));
        var page = _ui.Render<AuditPage>();

        Search(page, actor: "陈静", entity: "UI-ACTOR");

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("tbody tr");
            var row = Assert.Single(rows);
            Assert.Contains("UI-ACTOR-1", row.TextContent);
        });
    }

    [Fact]
    public async Task A_new_search_starts_again_on_the_first_page_newest_first()
    {
        var start = new DateTime(2025, 10, 1, 2, 0, 0, DateTimeKind.Utc);
        await AddAsync(Enumerable.Range(0, 30).Select(i => Entry($"UI-PAGE-{i:00}", "刘洋", start.AddMinutes(i), 1)).ToArray());
        var page = _ui.Render<AuditPage>();
        Search(page, entity: "UI-PAGE");
        page.WaitForAssertion(() => Assert.Contains("UI-PAGE-29", page.Find("tbody tr").TextContent));

        var table = page.FindComponent<MudTable<AuditRow>>();
        await table.InvokeAsync(() => table.Instance.NavigateTo(1));
        page.WaitForAssertion(() => Assert.Contains("UI-PAGE-04", page.Find("tbody tr").TextContent));

        Search(page, entity: "UI-PAGE-2");
        page.WaitForAssertion(() =>
        {
            Assert.Equal(10, page.FindAll("tbody tr").Count);
            Assert.Contains("UI-PAGE-29", page.Find("tbody tr").TextContent);
        });
    }

    private static void Search(IRenderedComponent<AuditPage> page, string? actor = null, string? entity = null)
    {
        if (actor is not null) page.Find("input#audit-actor").Input(actor);
        if (entity is not null) page.Find("input#audit-entity").Input(entity);
        page.Find("#audit-search").Click();
    }

    private static AuditEntry Entry(string entityId, string actor, DateTime atUtc, int? hallId) => new()
    {
        AtUtc = atUtc, ActorId = "u-" + actor, ActorName = actor, Action = "测试操作", EntityType = "Test", EntityId = entityId, HallId = hallId,
    };

    private Task AddAsync(params AuditEntry[] entries) => _app.WithDbAsync(async db =>
    {
        db.AuditEntries.AddRange(entries);
        return await db.SaveChangesAsync();
    });
}
