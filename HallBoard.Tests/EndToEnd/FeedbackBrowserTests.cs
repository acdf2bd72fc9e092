using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>A taxpayer's complaint from the rating page reaches the hall lead live, and the ticket cannot close before the call-back.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class FeedbackBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task A_complaint_after_a_poor_rating_alerts_the_lead_live_and_forces_a_call_back_before_closing()
    {
        // The hall lead works on the feedback list in the office; the page is marked so a reload would show.
        var lead = await hall.SignedInPageAsync("lead", at: "/feedback");
        await lead.EvaluateAsync("() => window.__sameDocument = true");

        // A service resolved and called back; the taxpayer gets the QR link on their phone.
        var engineer = await hall.App.EngineerActorAsync(4);
        var commands = hall.App.Get<TicketCommands>();
        var t = await commands.IntakeAsync(engineer.HallId!.Value, new TicketDraft { TaxpayerName = "冯七", TaxpayerPhone = "13600136000", Description = "电子税务局申报表提交失败" }, engineer, takeNow: true);
        await commands.ResolveAsync(t.Id, null, "清除浏览器缓存后提交成功", engineer);
        await commands.FollowUpAsync(t.Id, null, FollowUpOutcome.Reached, null, engineer);
        var token = await hall.App.Get<SatisfactionLinks>().CreateAsync(t.Id, RatingSource.OwnPhone, engineer);

        // Taxpayer side: rate 非常不满意, then follow the offer to complain.
        var phone = await hall.NewPageAsync(390, 844);
        await phone.GotoAsync($"/rate/{token}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "非常不满意", Exact = true }).ClickAsync();
        await phone.GetByText("感谢您的评价").WaitForAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "提意见或投诉" }).ClickAsync();
        await phone.GetByLabel("投诉", new() { Exact = true }).CheckAsync();
        await phone.FillAsync("#fb-content", "工作人员让我自己在网上弄，没有耐心讲解");
        await phone.FillAsync("#fb-phone", "13600136000");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var done = await phone.GetByText("已收到您的意见").InnerTextAsync();
        Assert.Matches(@"YJ-\d{8}-\d{6}", done);
        Assert.DoesNotContain("冯七", await phone.ContentAsync());

        // Lead side: both alerts pop up without a reload, and the complaint is in the list.
        await lead.Locator(".mud-snackbar", new() { HasText = "收到纳税人投诉" }).WaitForAsync();
        await lead.Locator(".mud-snackbar", new() { HasText = "非常不满意" }).WaitForAsync();
        await lead.Locator(".hb-feedback-table", new() { HasText = "工作人员让我自己在网上弄" }).WaitForAsync();
        Assert.True(await lead.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.Contains(t.Number, await lead.Locator(".mud-snackbar", new() { HasText = "收到纳税人投诉" }).InnerTextAsync());
        Assert.DoesNotContain("冯七", await lead.InnerTextAsync("body"));

        // Engineer side: closing is not offered until the call-back is recorded (the ticket's rules refuse it), then it succeeds.
        var tablet = await hall.SignedInPageAsync("eng4", at: $"/tickets/{t.Id}");
        await tablet.GetByText("须回访纳税人并记录后才能关闭").WaitForAsync();
        Assert.Equal(0, await tablet.GetByRole(AriaRole.Button, new() { Name = "关闭", Exact = true }).CountAsync());
        Assert.Equal(TicketStatus.Rated, await StatusAsync(t.Id));

        await tablet.GetByRole(AriaRole.Button, new() { Name = "记录投诉回访" }).ClickAsync();
        await tablet.GetByText("须回访纳税人并记录后才能关闭").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await tablet.GetByRole(AriaRole.Button, new() { Name = "关闭", Exact = true }).ClickAsync();
        await tablet.GetByText("工单已关闭。").WaitForAsync();
        Assert.Equal(TicketStatus.Closed, await StatusAsync(t.Id));

        var feedback = await hall.App.WithDbAsync(db => db.Feedback.SingleAsync(f => f.TicketId == t.Id));
        Assert.Equal(FeedbackKind.Complaint, feedback.Kind);
        Assert.Equal(FeedbackSource.RatingPage, feedback.Source);
        var steps = await hall.App.WithDbAsync(db => db.TicketEvents.Where(e => e.TicketId == t.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Taken, TicketEventKind.Resolved, TicketEventKind.FollowUp, TicketEventKind.Rated,
            TicketEventKind.FeedbackReceived, TicketEventKind.FollowUp, TicketEventKind.Closed], steps);
    }

    private Task<TicketStatus> StatusAsync(int id) => hall.App.WithDbAsync(db => db.Tickets.Where(x => x.Id == id).Select(x => x.Status).SingleAsync());
}
