using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Sla;

/// <summary>等待纳税人 and 恢复处理 on the ticket page, for the engineer who owns the ticket.</summary>
public sealed class PauseActionsTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    private static readonly TicketDraft Walkin = new()
    {
        TaxpayerName = "赵六",
        Channel = Channel.Counter,
        Category = Category.SocialInsurance,
        Kind = TicketKind.Consultation,
        Description = "灵活就业社保缴费基数怎么选",
    };

    [Fact]
    public async Task The_owner_stops_the_clock_while_the_taxpayer_fetches_papers_and_starts_it_again()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, ticket.Id));
        page.WaitForElement(".hb-pause-actions");

        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "等待纳税人").Click());
        await page.InvokeAsync(() => page.Find("#action-note").Input("回家取社保卡"));
        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "开始等待").Click());

        page.WaitForAssertion(() => Assert.Contains("SLA 计时已暂停", page.Find("#hb-paused").TextContent));
        Assert.Contains("等待纳税人", page.Find(".hb-ticket-head .hb-paused-mark").TextContent);
        Assert.Contains("回家取社保卡", page.Find(".hb-timeline").TextContent);
        Assert.NotNull((await Queries.GetAsync(ticket.Id, HallId))!.Row.PausedSinceUtc);

        await page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "恢复处理").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#hb-paused")));
        Assert.Empty(page.FindAll(".hb-paused-mark"));
        Assert.Contains("解决时限顺延至", page.Find(".hb-timeline").TextContent);
        Assert.Null((await Queries.GetAsync(ticket.Id, HallId))!.Row.PausedSinceUtc);
    }

    [Fact]
    public async Task A_ticket_someone_else_owns_or_not_yet_taken_offers_no_pause()
    {
        var waiting = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        var colleague = await App.EngineerActorAsync(2);
        var theirs = await Commands.IntakeAsync(HallId, Walkin, colleague, takeNow: true);

        var first = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, waiting.Id));
        first.WaitForElement(".hb-ticket-actions");
        var second = Render<TicketDetailPage>(p => p.Add(x => x.Id, theirs.Id));
        second.WaitForElement(".hb-ticket-actions");

        Assert.Empty(first.FindAll(".hb-pause-actions"));
        Assert.Empty(second.FindAll(".hb-pause-actions"));
    }
}
