using HallBoard.Domain;
using HallBoard.Features.Admin;
using HallBoard.Features.Escalations;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>The bureau's demo account in Chromium: an admin asks for a supervised hall on /admin/grants, the second admin
/// approves, and the bureau then picks between its two halls on a report and answers an escalation addressed to it.</summary>
[Trait("Provider", "Postgres")] // browser tests run once: this one in the PostgreSQL pass, which has less to do
public sealed class BureauBrowserTests(AdminBrowserHall fixture) : IClassFixture<AdminBrowserHall>
{
    private BrowserHall Hall => fixture.Hall;

    [Fact]
    public async Task The_bureau_gets_a_supervised_hall_by_a_second_admins_approval_then_reads_it_and_answers_an_escalation()
    {
        var admin1 = await fixture.AdminAsync("admin");
        var halls = Hall.App.Get<HallAdmin>();
        var supervised = await halls.CreateAsync("BW2", "五象新区办税服务厅", admin1);
        await halls.CreateAsync("BW3", "邕宁区办税服务厅", admin1);

        var admin = await Hall.SignedInPageAsync("admin", at: "/admin/grants");
        await admin.SelectOptionAsync("#grant-user", new SelectOptionValue { Label = "bureau（局运维主管部门）" });
        await admin.GetByText("设置监管的服务厅（仅税务局运维主管部门账号）").ClickAsync();
        await admin.Locator(".hb-grant-supervised").GetByText("BW2 五象新区办税服务厅").ClickAsync();
        await admin.FillAsync("#grant-reason", "局方监管五象新区办税服务厅");
        await admin.ClickAsync("#grant-request");
        var row = admin.Locator(".hb-grants tr", new() { HasText = "监管服务厅 BW2" });
        await row.GetByText("待审批").WaitForAsync();

        var second = await Hall.SignedInPageAsync("admin2", at: "/admin/grants");
        var row2 = second.Locator(".hb-grants tr", new() { HasText = "监管服务厅 BW2" });
        await row2.Locator(".hb-approve").ClickAsync();
        await row2.GetByText("已批准").WaitForAsync();

        var now = Hall.App.Get<HallTime>().UtcNow;
        var ticket = await Hall.App.Get<TicketCommands>().IntakeAsync(supervised,
            new TicketDraft { TaxpayerName = "五象纳税人", Description = "电子税务局无法提交申报表" }, HallAppFactory.Admin, takeNow: false);
        await Hall.App.Get<EscalationCommands>().RaiseAsync(ticket.Id, null,
            new EscalationRequest(EscalationTarget.OpsAuthority, "局运维科", "需局方核查申报系统", now.AddHours(4)), HallAppFactory.Admin);

        var bureau = await Hall.SignedInPageAsync("bureau", at: "/service-reports/monthly");
        await bureau.Locator(".mud-select:has(#report-hall) .mud-input-control").ClickAsync();
        var options = bureau.Locator(".mud-popover-open .mud-list-item");
        await options.First.WaitForAsync();
        var names = await options.AllInnerTextsAsync();
        Assert.Equal(["高新区税务局办税服务厅", "五象新区办税服务厅"], names.Select(n => n.Trim()));

        await BrowserHall.GoAsync(bureau, "/escalations");
        var open = bureau.Locator(".hb-escalations tr", new() { HasText = ticket.Number });
        await open.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await bureau.FillAsync("#action-note", "申报系统已恢复，请纳税人重新提交");
        await bureau.GetByRole(AriaRole.Button, new() { Name = "记录答复" }).ClickAsync();
        await bureau.GetByText($"已记录 {ticket.Number} 的答复").WaitForAsync();

        var answered = await Hall.App.WithDbAsync(db => db.TicketEvents.AsNoTracking()
            .SingleAsync(e => e.TicketId == ticket.Id && e.Kind == TicketEventKind.EscalationAnswered));
        Assert.Equal("局运维主管部门", answered.ActorName);
        Assert.Contains("申报系统已恢复", answered.Note);
    }
}
