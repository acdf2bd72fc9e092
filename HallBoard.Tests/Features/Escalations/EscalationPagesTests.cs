using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Escalations;
using HallBoard.Features.Escalations.Pages;
using HallBoard.Features.Tickets;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Escalations;

/// <summary>The 升级 form on the ticket page, the mark in the queue, and the lead's list of open escalations.</summary>
public sealed class EscalationPagesTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    private static readonly TicketDraft Walkin = new()
    {
        TaxpayerName = "王五",
        Channel = Channel.ETaxWeb,
        Category = Category.Filing,
        Kind = TicketKind.Fault,
        Description = "电子税务局申报提交报错",
    };

    [Fact]
    public async Task Escalating_from_the_ticket_page_puts_it_on_the_timeline_and_offers_no_second_escalation()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        var page = RenderDetail(ticket.Id);

        await ClickAsync(page, "button", "升级");
        await ClickAsync(page, ".mud-chip", "主管税务机关运维部门");
        await ClickAsync(page, ".mud-chip", "1天内");
        await page.InvokeAsync(() => page.Find("#escalation-recipient").Input("运维科"));
        await page.InvokeAsync(() => page.Find("#escalation-reason").Input("申报接口返回系统错误，需省局排查"));
        await ClickAsync(page, "button", "确认升级");

        page.WaitForAssertion(() => Assert.Contains("升级至主管税务机关运维部门（运维科）", page.Find(".hb-timeline").TextContent));
        Assert.Contains("待答复", page.Find(".hb-ticket-escalations").TextContent);
        Assert.DoesNotContain(page.FindAll(".hb-ticket-escalations button"), b => b.TextContent.Trim() == "升级");
        var saved = Assert.Single(await App.Get<EscalationQueries>().OfTicketAsync(ticket.Id));
        Assert.Equal(EscalationTarget.OpsAuthority, saved.Target);
        var hours = (saved.DueUtc - saved.RaisedUtc).TotalHours;
        Assert.InRange(hours, 23.9, 24.1);
    }

    [Fact]
    public async Task An_empty_or_markup_reason_is_refused_on_the_form_and_nothing_is_saved()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        var page = RenderDetail(ticket.Id);

        await ClickAsync(page, "button", "升级");
        await ClickAsync(page, "button", "确认升级");
        page.WaitForAssertion(() => Assert.Contains("请填写升级原因。", page.Find(".hb-escalation-form [role=alert]").TextContent));
        await page.InvokeAsync(() => page.Find("#escalation-reason").Input("<script>alert('x')</script>"));
        await ClickAsync(page, "button", "确认升级");

        page.WaitForAssertion(() => Assert.Contains("升级原因不能包含 HTML 标记或脚本。", page.Find(".hb-escalation-form [role=alert]").TextContent));
        Assert.Empty(await App.Get<EscalationQueries>().OfTicketAsync(ticket.Id));
        Assert.False(await App.WithDbAsync(db => db.TicketEvents.AnyAsync(e => e.TicketId == ticket.Id && e.Kind == TicketEventKind.Escalated)));
    }

    [Fact]
    public async Task The_queue_marks_an_escalated_ticket()
    {
        var plain = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        var escalated = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        await App.Get<EscalationCommands>().RaiseAsync(escalated.Id, null,
            new EscalationRequest(EscalationTarget.HallLead, null, "纳税人要求负责人出面", App.Get<HallBoard.Hosting.HallTime>().UtcNow.AddHours(2)), Me);

        var list = Render<TicketList>(p => p.Add(x => x.InitialView, QueueView.Waiting));

        list.WaitForAssertion(() =>
        {
            var row = list.FindAll("tr").Single(r => r.TextContent.Contains(escalated.Number));
            Assert.Contains("已升级", row.TextContent);
        });
        Assert.DoesNotContain("已升级", list.FindAll("tr").Single(r => r.TextContent.Contains(plain.Number)).TextContent);
    }

    [Fact]
    public async Task The_hall_lead_sees_open_escalations_with_their_age_and_answers_one()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        await App.Get<EscalationCommands>().RaiseAsync(ticket.Id, null,
            new EscalationRequest(EscalationTarget.HallLead, "刘主任", "需负责人协调窗口", App.Get<HallBoard.Hosting.HallTime>().UtcNow.AddHours(2)), Me);
        AddAuthorization().SetAuthorized("刘主任").SetRoles(Roles.HallLead).SetClaims(
            new System.Security.Claims.Claim(HallClaims.HallId, HallId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new System.Security.Claims.Claim(HallClaims.DisplayName, "刘主任"));

        var page = RenderPage<EscalationsPage>();

        var row = page.WaitForElement($"tr:has(a[href='/tickets/{ticket.Id}'])");
        Assert.Contains("需负责人协调窗口", row.TextContent);
        Assert.Contains("0分钟", row.TextContent);
        await page.InvokeAsync(() => row.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "答复").Click());
        await page.InvokeAsync(() => page.Find("#action-note").Input("同意为纳税人开通绿色通道"));
        await ClickAsync(page, "button", "记录答复");

        page.WaitForAssertion(() => Assert.Contains("同意为纳税人开通绿色通道", page.Markup));
        Assert.DoesNotContain(await App.Get<EscalationQueries>().OpenAsync(HallId), r => r.Escalation.TicketId == ticket.Id);
    }

    [Fact]
    public async Task A_bureau_account_sees_the_ticket_number_but_no_link_to_a_ticket_page_it_cannot_open()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        await App.Get<EscalationCommands>().RaiseAsync(ticket.Id, null,
            new EscalationRequest(EscalationTarget.OpsAuthority, "运维科", "需局方核查后台", App.Get<HallBoard.Hosting.HallTime>().UtcNow.AddHours(2)), Me);
        SignInAs(new Actor("test:bureau-links", "局方", null, HallId) { Roles = new HashSet<string> { Roles.Bureau } });

        var page = RenderPage<EscalationsPage>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("td.hb-number"), c => c.TextContent.Trim() == ticket.Number));
        Assert.Empty(page.FindAll($"a[href='/tickets/{ticket.Id}']"));
    }

    private IRenderedComponent<TicketDetailPage> RenderDetail(int id)
    {
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement(".hb-ticket-escalations");
        return page;
    }

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string selector, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.FindAll(selector).First(b => b.TextContent.Trim() == text).Click());
}
