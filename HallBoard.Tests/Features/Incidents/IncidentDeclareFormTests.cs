using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.Incidents.Pages;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>Declaring a major incident on the tablet, from a ticket or on its own; refusals leave nothing behind.</summary>
public sealed class IncidentDeclareFormTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public IncidentDeclareFormTests(HallAppFactory app) : base(app)
    {
    }

    private static readonly TicketDraft Walkin = new()
    {
        TaxpayerName = "王五", Channel = Channel.MobileApp, Category = Category.LoginIdentity, Kind = TicketKind.Fault, Description = "APP 登录闪退",
    };

    [Fact]
    public async Task Declaring_from_a_ticket_links_it_and_opens_the_incident()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        Navigation.NavigateTo($"/incidents/new?ticket={ticket.Number}");
        var page = RenderPage<IncidentDeclarePage>();

        Assert.Equal(ticket.Number, page.Find("#incident-tickets").GetAttribute("value"));
        await page.InvokeAsync(() => page.Find("#incident-title").Input("手机APP全厅无法登录"));
        await ClickAsync(page, ".mud-chip", "手机APP");
        await page.InvokeAsync(() => page.Find("#incident-business").Input("APP 申报、缴款"));
        await ClickAsync(page, "button", "宣布重大事件");

        page.WaitForAssertion(() => Assert.Matches(@"/incidents/\d+$", Navigation.Uri));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var detail = (await App.Get<IncidentQueries>().GetAsync(id, HallId))!;
        Assert.Equal("手机APP全厅无法登录", detail.Incident.Title);
        Assert.Equal([Channel.MobileApp], detail.Incident.Channels);
        Assert.Equal(ticket.Number, Assert.Single(detail.Tickets).Number);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message?.Contains("大屏已显示事件横幅") == true);
    }

    [Fact]
    public async Task Without_a_channel_or_with_markup_the_form_says_why_and_nothing_is_saved()
    {
        var page = RenderPage<IncidentDeclarePage>();
        var before = await CountAsync();

        await page.InvokeAsync(() => page.Find("#incident-title").Input("自助终端全部断网"));
        await page.InvokeAsync(() => page.Find("#incident-business").Input("发票领用"));
        await ClickAsync(page, "button", "宣布重大事件");
        page.WaitForAssertion(() => Assert.Equal("请至少选择一个受影响的渠道。", page.Find("[role=alert]").TextContent.Trim()));

        await ClickAsync(page, ".mud-chip", "自助办税终端");
        await page.InvokeAsync(() => page.Find("#incident-title").Input("<script>alert(1)</script>"));
        await ClickAsync(page, "button", "宣布重大事件");
        page.WaitForAssertion(() => Assert.Equal("事件名称不能包含 HTML 标记或脚本。", page.Find("[role=alert]").TextContent.Trim()));

        Assert.Equal(before, await CountAsync());
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task A_second_open_incident_for_the_same_channel_is_refused_on_the_form()
    {
        await App.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "窗口叫号系统故障", Channels = [Channel.Counter], Business = "窗口业务", StartUtc = App.Get<HallBoard.Hosting.HallTime>().UtcNow,
        }, [], Me);
        var page = RenderPage<IncidentDeclarePage>();

        await page.InvokeAsync(() => page.Find("#incident-title").Input("窗口系统又故障"));
        await ClickAsync(page, ".mud-chip", "窗口");
        await page.InvokeAsync(() => page.Find("#incident-business").Input("窗口业务"));
        await ClickAsync(page, "button", "宣布重大事件");

        page.WaitForAssertion(() => Assert.Contains("本厅已有未关闭的重大事件“窗口叫号系统故障”涉及窗口", page.Find("[role=alert]").TextContent));
        Assert.Single(await App.Get<IncidentQueries>().ListAsync(HallId), r => r.Channels.Contains(Channel.Counter));
    }

    private Task<int> CountAsync() => App.WithDbAsync(db => db.MajorIncidents.CountAsync());

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string selector, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.FindAll(selector).First(b => b.TextContent.Trim() == text).Click());
}
