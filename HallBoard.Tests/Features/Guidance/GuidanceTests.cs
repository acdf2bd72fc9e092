using HallBoard.Features.Account;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Domain;
using HallBoard.Features.Guidance;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Guidance;

/// <summary>The guidance list, guidance recorded at intake and afterwards, the promotion statistics and the wall's share.</summary>
public sealed class GuidanceTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private GuidanceItems Items => app.Get<GuidanceItems>();
    private TicketCommands Tickets => app.Get<TicketCommands>();

    private static TicketDraft Guided(Category category, int? item, bool? succeeded, bool guided = true) => new()
    {
        TaxpayerName = "陈二", Description = "想在网上办理", Category = category,
        GuidedOnline = guided, GuidanceItemId = guided ? item : null, GuidanceSucceeded = guided ? succeeded : null,
    };

    [Fact]
    public async Task The_list_is_kept_with_an_audit_entry_per_change_and_refuses_duplicates_and_counter_channels()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var lead = HallAppFactory.As(Roles.HallLead, "u-lead-g", "赵主任", hall.Id);
        var id = await Items.AddAsync(hall.Id, "发票代开", Category.Invoice, Channel.SelfServiceTerminal, lead);
        await Items.UpdateAsync(id, "发票代开（自助）", Category.Invoice, Channel.ETaxWeb, isActive: true, lead);

        var dup = await Assert.ThrowsAsync<ValidationFailedException>(() => Items.AddAsync(hall.Id, "发票代开（自助）", Category.Invoice, Channel.MobileApp, lead));
        Assert.Equal("本厅已有同名的引导事项。", dup.Errors["name"].Single());
        await Assert.ThrowsAsync<ValidationFailedException>(() => Items.AddAsync(hall.Id, "窗口代开", Category.Invoice, Channel.Counter, lead));
        await Assert.ThrowsAsync<ForbiddenException>(() => Items.AddAsync(hall.Id + 999, "别厅事项", Category.Invoice, Channel.ETaxWeb, lead));

        var rows = await Items.ListAsync(hall.Id, activeOnly: false);
        var row = Assert.Single(rows);
        Assert.Equal(("发票代开（自助）", Channel.ETaxWeb), (row.Name, row.Channel));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.HallId == hall.Id && a.EntityType == nameof(GuidanceItem))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["新增引导事项", "修改引导事项"], audit);

        await Items.UpdateAsync(id, "发票代开（自助）", Category.Invoice, Channel.ETaxWeb, isActive: false, lead);
        Assert.Empty(await Items.ListAsync(hall.Id, activeOnly: true));
        // A retired item is no longer offered at intake.
        var retired = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Tickets.IntakeAsync(hall.Id, Guided(Category.Invoice, id, true), hall.Engineer(1), takeNow: false));
        Assert.Equal("引导事项不存在或不属于本厅。", retired.Errors["guidanceItemId"].Single());
    }

    [Fact]
    public async Task Intake_refuses_an_item_of_another_hall_and_the_outcome_can_be_recorded_later()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var foreignItem = await Items.AddAsync(other.Id, "别厅事项", Category.Filing, Channel.ETaxWeb, HallAppFactory.Admin);
        var before = await app.WithDbAsync(db => db.Tickets.CountAsync(t => t.HallId == hall.Id));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Tickets.IntakeAsync(hall.Id, Guided(Category.Filing, foreignItem, null), hall.Engineer(1), takeNow: false));
        Assert.Equal(before, await app.WithDbAsync(db => db.Tickets.CountAsync(t => t.HallId == hall.Id)));

        var item = await Items.AddAsync(hall.Id, "增值税申报", Category.Filing, Channel.ETaxWeb, HallAppFactory.Admin);
        var t = await Tickets.IntakeAsync(hall.Id, Guided(Category.Filing, item, null), hall.Engineer(1), takeNow: true);
        Assert.True(await Items.PendingOutcomeAsync(t.Id, hall.Id));
        var after = await Items.RecordOutcomeAsync(t.Id, t.Version, true, hall.Engineer(1));
        Assert.Equal(t.Version + 1, after.Version);
        Assert.False(await Items.PendingOutcomeAsync(t.Id, hall.Id));
        var saved = await app.WithDbAsync(db => db.Tickets.SingleAsync(x => x.Id == t.Id));
        Assert.Equal((true, (bool?)true, (int?)item), (saved.GuidedOnline, saved.GuidanceSucceeded, saved.GuidanceItemId));
        Assert.Contains("记录引导结果", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == saved.Number).Select(a => a.Action).ToListAsync()));
        await Assert.ThrowsAsync<TicketRuleException>(() => Items.RecordOutcomeAsync(t.Id, null, false, hall.Engineer(1)));
    }

    [Fact]
    public async Task Statistics_count_guided_succeeded_and_rate_per_item_and_category_and_the_wall_shows_the_share()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var filing = await Items.AddAsync(hall.Id, "增值税申报", Category.Filing, Channel.ETaxWeb, HallAppFactory.Admin);
        var invoice = await Items.AddAsync(hall.Id, "发票领用", Category.Invoice, Channel.MobileApp, HallAppFactory.Admin);
        var eng = hall.Engineer(1);
        await Tickets.IntakeAsync(hall.Id, Guided(Category.Filing, filing, true), eng, false);
        await Tickets.IntakeAsync(hall.Id, Guided(Category.Filing, filing, false), eng, false);
        await Tickets.IntakeAsync(hall.Id, Guided(Category.Filing, filing, true), eng, false);
        await Tickets.IntakeAsync(hall.Id, Guided(Category.Invoice, invoice, null), eng, false);
        await Tickets.IntakeAsync(hall.Id, Guided(Category.Invoice, null, true), eng, false);
        for (var i = 0; i < 5; i++)
            await Tickets.IntakeAsync(hall.Id, Guided(Category.Payment, null, null, guided: false), eng, false);

        var stats = app.Get<GuidanceStats>();
        var s = await stats.SummaryAsync(hall.Id, stats.Today, stats.Today);
        Assert.Equal(10, s.Tickets);
        Assert.Equal((5, 3, 1, 1), (s.Total.Guided, s.Total.Succeeded, s.Total.Failed, s.Total.Pending));
        Assert.Equal(0.75, s.Total.SuccessRate);
        Assert.Equal(0.5, s.GuidedShare);
        var byItem = s.ByItem.ToDictionary(l => l.Label);
        Assert.Equal((3, 2, 1), (byItem["增值税申报"].Guided, byItem["增值税申报"].Succeeded, byItem["增值税申报"].Failed));
        Assert.Equal((1, 0, null), (byItem["发票领用"].Guided, byItem["发票领用"].Succeeded, byItem["发票领用"].SuccessRate));
        Assert.Equal(1, byItem["未选择事项"].Guided);
        var byCategory = s.ByCategory.ToDictionary(l => l.Label);
        Assert.Equal((3, 2), (byCategory["申报"].Guided, byCategory["申报"].Succeeded));
        Assert.Equal((2, 1), (byCategory["发票"].Guided, byCategory["发票"].Succeeded));
        Assert.False(byCategory.ContainsKey("缴款"));

        var yesterday = await stats.SummaryAsync(hall.Id, stats.Today.AddDays(-1), stats.Today.AddDays(-1));
        Assert.Equal(0, yesterday.Total.Guided);

        var figures = await app.Get<WallQueries>().FiguresAsync(hall.Id);
        Assert.Equal(0.5, figures!.OnlineGuidedShare);
        Assert.Equal("50%", WallFormat.Percent(figures.OnlineGuidedShare));
    }

    [Fact]
    public async Task The_api_takes_guidance_at_intake_and_the_outcome_afterwards()
    {
        var api = app.ApiClient();
        var hall = await app.DemoHallAsync();
        var item = (await Items.ListAsync(hall.Id, activeOnly: true)).First();
        var body = new
        {
            hallCode = "GX", taxpayerName = "API引导", channel = "Counter", category = "Invoice", kind = "Guidance",
            description = "引导至电子税务局领用发票", guidedOnline = true, guidanceItemId = item.Id,
        };
        var created = await api.PostAsJsonAsync("/api/tickets", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.True(read.GetProperty("guidedOnline").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("guidanceSucceeded").ValueKind);

        var outcome = await api.PostAsJsonAsync($"/api/tickets/{id}/guidance-outcome", new { succeeded = true });
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        read = await api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.True(read.GetProperty("guidanceSucceeded").GetBoolean());

        var missing = await api.PostAsJsonAsync($"/api/tickets/{id}/guidance-outcome", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请填写线上办理是否成功", await missing.Content.ReadAsStringAsync());

        var inconsistent = await api.PostAsJsonAsync("/api/tickets", body with { guidedOnline = false });
        Assert.Equal(HttpStatusCode.BadRequest, inconsistent.StatusCode);
        Assert.Contains("未引导线上办理时不能选择引导事项", await inconsistent.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Tickets.CountAsync(t => t.TaxpayerName == "API引导" && !t.GuidedOnline)));
    }
}
