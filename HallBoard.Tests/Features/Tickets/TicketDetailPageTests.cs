using Bunit;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallBoard.Tests.Features.Tickets;

/// <summary>The ticket detail on the tablet: what it offers in each state, and how it meets other people's changes.</summary>
public sealed class TicketDetailPageTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    private static readonly TicketDraft Walkin = new()
    {
        TaxpayerName = "王五",
        TaxpayerPhone = "13912345678",
        Channel = Channel.SelfServiceTerminal,
        Category = Category.Invoice,
        Kind = TicketKind.Fault,
        Description = "自助终端打印失败",
    };

    [Fact]
    public async Task A_waiting_ticket_offers_taking_it_and_not_resolving_it()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);

        var page = RenderDetail(ticket.Id);

        var actions = ActionButtons(page);
        Assert.Contains("受理", actions);
        Assert.DoesNotContain("解决", actions);
        Assert.Contains("待受理", page.Find(".hb-ticket-head").TextContent);
    }

    [Fact]
    public async Task A_resolved_ticket_offers_call_back_and_rating_but_not_taking()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        await Commands.ResolveAsync(ticket.Id, null, "更换打印纸后正常", Me);

        var page = RenderDetail(ticket.Id);

        var actions = ActionButtons(page);
        Assert.Contains("回访", actions);
        Assert.Contains("平板交给纳税人评价", actions);
        Assert.Contains("扫码评价", actions);
        Assert.Contains("电话回访评分", actions);
        Assert.DoesNotContain("受理", actions);
        Assert.Contains("更换打印纸后正常", page.Find(".hb-facts").TextContent);
    }

    [Fact]
    public async Task Resolving_from_the_page_records_the_resolution_on_the_timeline()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        var page = RenderDetail(ticket.Id);

        await ClickButtonAsync(page, "解决");
        await page.InvokeAsync(() => page.Find("#action-note").Input("重启终端后打印正常"));
        await ClickButtonAsync(page, "确认解决");

        page.WaitForAssertion(() => Assert.Contains("已解决", page.Find(".hb-ticket-head").TextContent));
        Assert.Contains("重启终端后打印正常", page.Find(".hb-timeline").TextContent);
        Assert.Equal(TicketStatus.Resolved, (await Queries.GetAsync(ticket.Id, HallId))!.Row.Status);
    }

    [Fact]
    public async Task Acting_on_a_stale_version_shows_the_conflict_and_changes_nothing()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        var page = RenderDetail(ticket.Id);
        var colleague = await App.EngineerActorAsync(2);
        // Taken on another app instance whose change notice has not reached this screen.
        await CommandsOfAnotherInstance().TakeAsync(ticket.Id, ticket.Version, colleague.EngineerId!.Value, colleague);

        await ClickButtonAsync(page, "受理");

        page.WaitForAssertion(() => Assert.Contains("该工单已被他人修改，请刷新后再试。", page.Find(".hb-ticket-actions").TextContent));
        Assert.Equal(colleague.Name, (await Queries.GetAsync(ticket.Id, HallId))!.Row.AssigneeName);
    }

    [Fact]
    public async Task A_change_made_by_someone_else_refreshes_the_page_and_says_so()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        var page = RenderDetail(ticket.Id);
        var colleague = await App.EngineerActorAsync(2);

        await Commands.TakeAsync(ticket.Id, ticket.Version, colleague.EngineerId!.Value, colleague);

        page.WaitForAssertion(() => Assert.Contains("处理中", page.Find(".hb-ticket-head").TextContent));
        Assert.Contains(colleague.Name, page.Find(".hb-facts").TextContent);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == "该工单已被他人更新，已刷新");
    }

    [Fact]
    public async Task A_hand_over_error_code_is_shown_as_its_fixed_sentence()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        Navigation.NavigateTo($"/tickets/{ticket.Id}?error=rated");

        var page = RenderDetail(ticket.Id);

        Assert.Contains("该工单已评价，不能重复评价。", page.Find(".mud-alert").TextContent);

    }

    [Fact]
    public async Task Free_text_in_the_error_address_value_is_never_shown()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: false);
        Navigation.NavigateTo($"/tickets/{ticket.Id}?error={Uri.EscapeDataString("请拨打 400-000-0000 领取退税")}");

        var page = RenderDetail(ticket.Id);

        page.WaitForAssertion(() => Assert.Contains(ticket.Number, page.Markup));
        Assert.DoesNotContain("400-000-0000", page.Markup);
    }

    [Fact]
    public async Task A_rated_ticket_offers_reopening_to_the_lead_only_and_once_reopened_lists_its_earlier_rating()
    {
        var ticket = await Commands.IntakeAsync(HallId, Walkin, Me, takeNow: true);
        await Commands.ResolveAsync(ticket.Id, null, "更换打印纸后正常", Me);
        await Commands.RateAsync(ticket.Id, null, SatisfactionLevel.Dissatisfied, "等了太久", RatingSource.CallBack, Me);

        Assert.DoesNotContain("重新打开", ActionButtons(RenderDetail(ticket.Id)));
        await SignInAsAsync("lead");
        Assert.Contains("重新打开", ActionButtons(RenderDetail(ticket.Id)));

        await Commands.ReopenAsync(ticket.Id, null, "纳税人来电说仍打印失败", Me);
        var page = RenderDetail(ticket.Id);

        var earlier = page.Find(".hb-earlier-rating").TextContent;
        Assert.Contains(Labels.Of(SatisfactionLevel.Dissatisfied), earlier);
        Assert.Contains("等了太久", earlier);
    }

    [Fact]
    public async Task Each_move_button_is_offered_exactly_when_the_ticket_allows_that_move_to_the_signed_in_person()
    {
        var engineer = Me;
        var waiting = await Commands.IntakeAsync(HallId, Walkin, engineer, takeNow: false);
        var working = await Commands.IntakeAsync(HallId, Walkin, engineer, takeNow: true);
        var paused = await Commands.IntakeAsync(HallId, Walkin, engineer, takeNow: true);
        await Commands.WaitOnTaxpayerAsync(paused.Id, null, "补交营业执照复印件", engineer);
        var ratedPoorly = await Commands.IntakeAsync(HallId, Walkin, engineer, takeNow: true);
        await Commands.ResolveAsync(ratedPoorly.Id, null, "更换打印纸后正常", engineer);
        await Commands.RateAsync(ratedPoorly.Id, null, SatisfactionLevel.Dissatisfied, "等了太久", RatingSource.CallBack, engineer);
        var rated = await Commands.IntakeAsync(HallId, Walkin, engineer, takeNow: true);
        await Commands.ResolveAsync(rated.Id, null, "更换打印纸后正常", engineer);
        await Commands.FollowUpAsync(rated.Id, null, FollowUpOutcome.Reached, null, engineer);
        await Commands.RateAsync(rated.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, engineer);
        int[] tickets = [waiting.Id, working.Id, paused.Id, ratedPoorly.Id, rated.Id];

        foreach (var account in new[] { "eng1", "eng2", "lead" })
        {
            await SignInAsAsync(account);
            foreach (var id in tickets)
            {
                var allowed = await App.WithDbAsync(async db =>
                    (await db.Tickets.Include(t => t.Satisfaction).SingleAsync(t => t.Id == id)).AllowedMoves(Me));
                var buttons = RenderDetail(id).FindAll("button").Select(b => b.TextContent.Trim()).ToHashSet();
                foreach (var (move, label) in MoveButtons)
                {
                    // Taking names the signed-in engineer as the owner; an account without an engineer has no one to name.
                    var offered = allowed.Contains(move) && (move != TicketMove.Take || Me.EngineerId is not null);
                    Assert.True(offered == buttons.Contains(label), $"{account}, ticket {id}: {label} shown {!offered}, the ticket says {offered}");
                }
            }
        }
    }

    private static readonly (TicketMove Move, string Label)[] MoveButtons =
    [
        (TicketMove.Take, "受理"), (TicketMove.HandOver, "转交"), (TicketMove.Resolve, "解决"),
        (TicketMove.WaitOnTaxpayer, "等待纳税人"), (TicketMove.Resume, "恢复处理"), (TicketMove.FollowUp, "回访"), (TicketMove.Rate, "电话回访评分"),
        (TicketMove.Reopen, "重新打开"), (TicketMove.Close, "关闭"), (TicketMove.CloseUnfinished, "无法完成回访时关闭"),
    ];

    private IRenderedComponent<TicketDetailPage> RenderDetail(int id)
    {
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement(".hb-ticket-actions");
        return page;
    }

    private static List<string> ActionButtons(IRenderedComponent<TicketDetailPage> page) =>
        page.FindAll(".hb-actions button").Select(b => b.TextContent.Trim()).ToList();

    private static Task ClickButtonAsync(IRenderedComponent<TicketDetailPage> page, string text) =>
        page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == text).Click());

    /// <summary>The same database, but the ticket's change reaches no screen here, as with a second app instance.</summary>
    private TicketCommands CommandsOfAnotherInstance()
    {
        var unheard = new TicketChangePublisher(App.Services.GetServices<ITicketSaveParticipant>(), [],
            NullLogger<TicketChangePublisher>.Instance);
        return new TicketCommands(App.Get<IDbContextFactory<HallDbContext>>(), App.Get<HallTime>(), App.Get<IOptions<SlaOptions>>(),
            App.Get<HallBoard.Features.Sla.SlaCalendars>(), unheard);
    }
}
