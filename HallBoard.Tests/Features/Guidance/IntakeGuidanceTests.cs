using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Guidance.Pages;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Guidance;

/// <summary>Guidance to online handling on the intake tablet, and its outcome recorded later on the ticket.</summary>
public sealed class IntakeGuidanceTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task An_engineer_records_the_guidance_item_at_intake_and_the_outcome_later_on_the_ticket()
    {
        var page = RenderPage<IntakePage>();
        Assert.Empty(page.FindAll(".hb-intake-guidance .mud-chip"));

        await page.InvokeAsync(() => page.Find(".hb-intake-guidance input[type=checkbox]").Change(true));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-chip"), c => c.TextContent.Trim() == "发票领用 · 电子税务局"));
        await page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "发票领用 · 电子税务局").Click());
        await page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "稍后记录").Click());
        await page.InvokeAsync(() => page.Find("#taxpayerName").Input("黄五"));
        await page.InvokeAsync(() => page.Find("#description").Input("引导到电子税务局领用发票"));
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "提交录入").Click());

        page.WaitForAssertion(() => Assert.Matches(@"/tickets/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var ticket = await App.WithDbAsync(db => db.Tickets.SingleAsync(t => t.Id == id));
        var item = await App.WithDbAsync(db => db.GuidanceItems.SingleAsync(i => i.HallId == HallId && i.Name == "发票领用"));
        Assert.True(ticket.GuidedOnline);
        Assert.Equal(item.Id, ticket.GuidanceItemId);
        Assert.Null(ticket.GuidanceSucceeded);

        var detail = Render<TicketDetailPage>(p => p.Add(x => x.Id, id));
        detail.WaitForAssertion(() => Assert.Contains("已引导线上办理，结果待记录", detail.Markup));
        await detail.InvokeAsync(() => detail.FindAll("button").First(b => b.TextContent.Trim() == "线上办理成功").Click());
        detail.WaitForAssertion(() => Assert.DoesNotContain("结果待记录", detail.Markup));
        Assert.True(await App.WithDbAsync(db => db.Tickets.Where(t => t.Id == id).Select(t => t.GuidanceSucceeded).SingleAsync()));
        Assert.Contains("线上引导办理：成功", detail.Find(".hb-timeline").TextContent);
    }

    [Fact]
    public async Task Turning_guidance_off_clears_the_item_and_outcome()
    {
        var page = RenderPage<IntakePage>();
        await page.InvokeAsync(() => page.Find(".hb-intake-guidance input[type=checkbox]").Change(true));
        await page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "办理成功").Click());
        await page.InvokeAsync(() => page.Find(".hb-intake-guidance input[type=checkbox]").Change(false));
        await page.InvokeAsync(() => page.Find("#taxpayerName").Input("黄六"));
        await page.InvokeAsync(() => page.Find("#description").Input("窗口咨询"));
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "提交录入").Click());

        page.WaitForAssertion(() => Assert.Matches(@"/tickets/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var ticket = await App.WithDbAsync(db => db.Tickets.SingleAsync(t => t.Id == id));
        Assert.Equal((false, (bool?)null, (int?)null), (ticket.GuidedOnline, ticket.GuidanceSucceeded, ticket.GuidanceItemId));
    }

    [Fact]
    public void The_guidance_page_shows_the_list_and_the_statistics_but_no_editor_to_an_engineer()
    {
        var page = RenderPage<GuidancePage>();
        page.WaitForAssertion(() => Assert.Contains("增值税及附加税费申报", page.Find(".hb-guidance-items").TextContent));
        Assert.Contains("线上引导推广统计", page.Markup);
        Assert.NotNull(page.Find("#guided-count"));
        Assert.Empty(page.FindAll(".hb-guidance-editor"));
    }
}
