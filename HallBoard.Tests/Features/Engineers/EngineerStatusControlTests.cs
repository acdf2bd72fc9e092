using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Engineers;
using HallBoard.Features.Engineers.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Engineers;

/// <summary>The tablet's status control (signed in as 张伟): one tap, and it follows the tickets taken elsewhere.</summary>
public sealed class EngineerStatusControlTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public EngineerStatusControlTests(HallAppFactory app) : base(app) { }

    private EngineerStatusBook Statuses => App.Get<EngineerStatusBook>();

    [Fact]
    public async Task One_tap_sets_my_status_and_shows_since_when()
    {
        var control = RenderPage<EngineerStatusControl>();
        control.WaitForElement(".hb-status");

        await TapAsync(control, "暂离");

        control.WaitForAssertion(() => Assert.Equal("暂离", Selected(control)));
        var mine = await Statuses.CurrentAsync(Me.EngineerId!.Value);
        Assert.Equal(EngineerStatus.Away, mine!.Status);
        Assert.Contains($"自 {App.Get<HallTime>().Format(mine.SinceUtc!.Value, "HH:mm")}", control.Find(".hb-status-since").TextContent);

        await TapAsync(control, "在岗");
        control.WaitForAssertion(() => Assert.Equal("在岗", Selected(control)));
        Assert.Equal(EngineerStatus.Available, (await Statuses.CurrentAsync(Me.EngineerId!.Value))!.Status);
    }

    [Fact]
    public async Task Taking_a_ticket_elsewhere_shows_serving_and_resolving_it_shows_on_duty_again()
    {
        var control = RenderPage<EngineerStatusControl>();
        control.WaitForElement(".hb-status");
        Assert.True(control.FindAll("button").Single(b => b.TextContent.Trim() == "服务中").HasAttribute("disabled"));

        var ticket = await Commands.IntakeAsync(HallId, new TicketDraft
        {
            TaxpayerName = "周七", Channel = Channel.Counter, Category = Category.Filing, Kind = TicketKind.Consultation,
            Description = "年度汇算如何更正申报",
        }, Me, takeNow: true);
        control.WaitForAssertion(() => Assert.Equal("服务中", Selected(control)));

        await Commands.ResolveAsync(ticket.Id, null, "指导在个税APP中更正申报", Me);
        control.WaitForAssertion(() => Assert.Equal("在岗", Selected(control)));
    }

    private static Task TapAsync(IRenderedComponent<EngineerStatusControl> control, string label) =>
        control.InvokeAsync(() => control.FindAll("button").Single(b => b.TextContent.Trim() == label).Click());

    private static string Selected(IRenderedComponent<EngineerStatusControl> control) =>
        control.FindAll("button[aria-checked=true]").Single().TextContent.Trim();
}
