using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Tickets;

/// <summary>The hall queue on the tablet: live, searchable, and a waiting ticket is taken with one tap.</summary>
public sealed class TicketQueuePageTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task A_ticket_logged_elsewhere_appears_in_the_waiting_queue_without_reloading()
    {
        var taxpayer = UniqueTaxpayer();
        var page = RenderPage<QueuePage>();
        await SearchAsync(page, taxpayer);

        var ticket = await Commands.IntakeAsync(HallId, Walkin(taxpayer), Me, takeNow: false);

        page.WaitForAssertion(() => Assert.Contains(ticket.Number, RowOf(page, ticket.Number)));
    }

    [Fact]
    public async Task Taking_a_waiting_ticket_from_the_queue_makes_me_its_owner()
    {
        var taxpayer = UniqueTaxpayer();
        var ticket = await Commands.IntakeAsync(HallId, Walkin(taxpayer), Me, takeNow: false);
        var page = RenderPage<QueuePage>();
        await SearchAsync(page, taxpayer);
        page.WaitForAssertion(() => Assert.Contains("受理", RowOf(page, ticket.Number)));

        await page.InvokeAsync(() => page.FindAll("tr").Single(r => r.TextContent.Contains(ticket.Number))
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "受理").Click());

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tr"), r => r.TextContent.Contains(ticket.Number)));
        var taken = await Queries.GetAsync(ticket.Id, HallId);
        Assert.Equal(TicketStatus.InProgress, taken!.Row.Status);
        Assert.Equal(Me.Name, taken.Row.AssigneeName);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == $"已受理 {ticket.Number}");
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task Tapping_a_row_opens_the_ticket()
    {
        var taxpayer = UniqueTaxpayer();
        var ticket = await Commands.IntakeAsync(HallId, Walkin(taxpayer), Me, takeNow: true);
        var page = RenderPage<MinePage>();
        await SearchAsync(page, taxpayer);
        page.WaitForAssertion(() => Assert.Contains(Me.Name, RowOf(page, ticket.Number)));

        await page.InvokeAsync(() => page.FindAll("tr").Single(r => r.TextContent.Contains(ticket.Number)).Click());

        Assert.EndsWith($"/tickets/{ticket.Id}", Navigation.Uri);
    }

    // Digits only: the search upper-cases what is typed, so Latin lower-case letters in a name would not match.
    private static string UniqueTaxpayer() => $"队列测试{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";

    private static TicketDraft Walkin(string taxpayer) => new()
    {
        TaxpayerName = taxpayer,
        Channel = Channel.MobileApp,
        Category = Category.IndividualIncomeTax,
        Kind = TicketKind.Guidance,
        Description = "个税APP密码重置",
    };

    private static Task SearchAsync<TPage>(IRenderedComponent<TPage> page, string text) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.Find("#ticket-search").Input(text));

    private static string RowOf<TPage>(IRenderedComponent<TPage> page, string number) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("tr").Single(r => r.TextContent.Contains(number)).TextContent;
}
