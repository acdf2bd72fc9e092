using HallBoard.Domain;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>The whole loop in Debian's Chromium: an engineer on a tablet and a taxpayer with the tablet and a phone.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class ClosedLoopBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task An_engineer_and_a_taxpayer_walk_the_loop_from_intake_to_close()
    {
        var tablet = await hall.SignedInPageAsync("eng1");

        // 录入: a walk-in logged with quick chips, taken at once (首问负责).
        await BrowserHall.GoAsync(tablet, "/intake");
        await tablet.FillAsync("#taxpayerName", "钱七");
        await tablet.FillAsync("#taxpayerId", "91350100M000100Y43");
        await tablet.FillAsync("#taxpayerPhone", "13700137000");
        // The demo hall already served this taxpayer: their earlier invoice ticket shows up beside the form.
        await tablet.Locator(".hb-history .hb-history-number").First.WaitForAsync();
        // Chips are picked inside their labelled group; the history list above also says "发票".
        await tablet.GetByRole(AriaRole.Group, new() { Name = "渠道" }).GetByText("自助办税终端", new() { Exact = true }).ClickAsync();
        await tablet.GetByRole(AriaRole.Group, new() { Name = "业务类别" }).GetByText("发票", new() { Exact = true }).ClickAsync();
        await tablet.FillAsync("#description", "自助终端发票打印卡纸");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "提交录入" }).ClickAsync();
        var ticketAddress = await BrowserHall.WaitForAddressAsync(tablet, "/tickets/");
        var ticketId = int.Parse(ticketAddress.Split("/tickets/")[1].Split('?')[0]);
        await tablet.GetByText("处理中").First.WaitForAsync();

        // 解决
        await tablet.GetByRole(AriaRole.Button, new() { Name = "解决", Exact = true }).ClickAsync();
        await tablet.FillAsync("#action-note", "清理卡纸并重新打印成功");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "确认解决" }).ClickAsync();
        await tablet.GetByText("已解决").First.WaitForAsync();

        // 回访: reached on the phone.
        await tablet.GetByRole(AriaRole.Button, new() { Name = "回访", Exact = true }).ClickAsync();
        await tablet.GetByRole(AriaRole.Button, new() { Name = "记录回访" }).ClickAsync();
        await tablet.GetByText("已回访").First.WaitForAsync();

        // 评分: the tablet is handed to the taxpayer, who sees only the hall and the date.
        await tablet.GetByRole(AriaRole.Button, new() { Name = "平板交给纳税人评价" }).ClickAsync();
        var ratePage = await BrowserHall.WaitForAddressAsync(tablet, "/rate/");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "非常满意" }).WaitForAsync();
        var content = await tablet.ContentAsync();
        Assert.Contains("高新区税务局办税服务厅", content);
        Assert.DoesNotContain("钱七", content);
        Assert.DoesNotContain("13700137000", content);

        // The taxpayer cannot wander into the engineer's pages.
        await tablet.GotoAsync("/queue");
        Assert.Equal(ratePage, tablet.Url);
        await tablet.GoBackAsync();
        await tablet.GotoAsync($"/tickets/{ticketId}");
        Assert.Equal(ratePage, tablet.Url);

        await tablet.FillAsync("#comment", "工作人员很耐心");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "非常满意" }).ClickAsync();
        await tablet.GetByText("感谢您的评价").WaitForAsync();

        // The engineer takes the tablet back with their password.
        await tablet.FillAsync("input[name=password]", HallBoard.Data.DemoData.Password);
        await tablet.GetByRole(AriaRole.Button, new() { Name = "工作人员解锁" }).ClickAsync();
        await BrowserHall.WaitForAddressAsync(tablet, "/rate/", matching: false);

        // 关闭
        await BrowserHall.GoAsync(tablet, $"/tickets/{ticketId}");
        await tablet.GetByText("已评价").First.WaitForAsync();
        await tablet.GetByRole(AriaRole.Button, new() { Name = "关闭", Exact = true }).ClickAsync();
        await tablet.GetByText("已关闭").First.WaitForAsync();

        var ticket = await hall.App.WithDbAsync(db => db.Tickets.Include(t => t.Satisfaction).SingleAsync(t => t.Id == ticketId));
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(SatisfactionLevel.VerySatisfied, ticket.Satisfaction!.Level);
        Assert.Equal(RatingSource.HandedTablet, ticket.Satisfaction.Source);
        Assert.Equal(Channel.SelfServiceTerminal, ticket.Channel);
        Assert.Equal(Category.Invoice, ticket.Category);
        var steps = await hall.App.WithDbAsync(db => db.TicketEvents.Where(e => e.TicketId == ticketId).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([TicketEventKind.Created, TicketEventKind.Taken, TicketEventKind.Resolved, TicketEventKind.FollowUp, TicketEventKind.Rated, TicketEventKind.Closed], steps);
    }

    [Fact]
    public async Task A_taxpayer_rates_on_their_own_phone_through_the_qr_link()
    {
        var tablet = await hall.SignedInPageAsync("eng5");
        var engineer = await hall.App.EngineerActorAsync(5);
        var commands = hall.App.Get<HallBoard.Features.Tickets.TicketCommands>();
        var created = await commands.IntakeAsync(engineer.HallId!.Value, new TicketDraft { TaxpayerName = "孙八", Description = "个税APP无法登录" }, engineer, takeNow: true);
        await commands.ResolveAsync(created.Id, null, "重置密码后登录成功", engineer);

        await BrowserHall.GoAsync(tablet, $"/tickets/{created.Id}");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "扫码评价" }).ClickAsync();
        var link = tablet.Locator("a[href*='/rate/']").First;
        await link.WaitForAsync();
        var url = await link.GetAttributeAsync("href");
        Assert.NotNull(url);
        Assert.NotNull(await tablet.Locator(".mud-dialog svg").First.ElementHandleAsync());

        var phone = await hall.NewPageAsync(390, 844);
        await phone.GotoAsync(url!);
        await phone.GetByRole(AriaRole.Button, new() { Name = "不满意", Exact = true }).ClickAsync();
        await phone.GetByText("感谢您的评价").WaitForAsync();

        // The link is single-use.
        var again = await hall.NewPageAsync(390, 844);
        await again.GotoAsync(url!);
        Assert.Equal(0, await again.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true }).CountAsync());

        var rating = await hall.App.WithDbAsync(db => db.Satisfactions.SingleAsync(s => s.TicketId == created.Id));
        Assert.Equal(SatisfactionLevel.Dissatisfied, rating.Level);
        Assert.Equal(RatingSource.OwnPhone, rating.Source);
    }
}
