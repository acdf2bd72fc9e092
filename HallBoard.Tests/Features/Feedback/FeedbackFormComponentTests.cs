using AngleSharp.Dom;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Feedback.Pages;
using HallBoard.Features.Tickets;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Feedback;

/// <summary>The engineer's feedback form (on a taxpayer's behalf) and the ticket page's call-back panel, on the real services.</summary>
public sealed class FeedbackFormComponentTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    private async Task<TicketRef> ResolvedTicketAsync(string taxpayer)
    {
        var t = await Commands.IntakeAsync(HallId, new TicketDraft { TaxpayerName = taxpayer, Description = "申报表无法提交" }, Me, takeNow: true);
        return await Commands.ResolveAsync(t.Id, null, "更新浏览器后提交成功", Me);
    }

    [Fact]
    public async Task A_complaint_written_for_a_taxpayer_is_saved_tied_to_the_ticket_and_opens_the_feedback()
    {
        var ticket = await ResolvedTicketAsync("林三");
        var form = RenderPage<EngineerFeedbackForm>(p => p.Add(f => f.TicketNumber, ticket.Number));

        await form.InvokeAsync(() => form.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "投诉").Click());
        await form.InvokeAsync(() => form.Find("#feedback-content").Input("排队叫号时被跳过"));
        await form.InvokeAsync(() => form.Find("#feedback-phone").Input("0591-87654321"));
        await form.InvokeAsync(() => Button(form, "提交登记").Click());

        form.WaitForAssertion(() => Assert.Matches(@"/feedback/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var saved = await App.WithDbAsync(db => db.Feedback.SingleAsync(f => f.Id == id));
        Assert.Equal((FeedbackKind.Complaint, FeedbackSource.Engineer, ticket.Id), (saved.Kind, saved.Source, saved.TicketId));
        Assert.Equal("0591-87654321", saved.ContactPhone);
        Assert.Equal(Me.Name, saved.CreatedByName);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == $"已登记意见 {saved.Number}");
        Assert.NotNull(await App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.CallBackRequiredUtc).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_explained_under_its_field_and_nothing_is_saved()
    {
        var before = await App.WithDbAsync(db => db.Feedback.CountAsync());
        var form = RenderPage<EngineerFeedbackForm>();

        await form.InvokeAsync(() => form.Find("#feedback-content").Input("<img src=x onerror=alert(1)>"));
        await form.InvokeAsync(() => form.Find("#feedback-phone").Input("1380013"));
        await form.InvokeAsync(() => form.Find("#feedback-ticket").Input("GX-19990101-0001"));
        await form.InvokeAsync(() => Button(form, "提交登记").Click());

        form.WaitForAssertion(() => Assert.Contains("意见内容不能包含 HTML 标记或脚本。", FieldOf(form, "feedback-content").TextContent));
        Assert.Contains("格式不正确", FieldOf(form, "feedback-phone").TextContent);
        // The markup is shown as typed text, never as an element.
        Assert.Empty(form.FindAll("img[src=x]"));
        Assert.Equal(before, await App.WithDbAsync(db => db.Feedback.CountAsync()));

        await form.InvokeAsync(() => form.Find("#feedback-content").Input("排队太久"));
        await form.InvokeAsync(() => form.Find("#feedback-phone").Input(""));
        await form.InvokeAsync(() => Button(form, "提交登记").Click());
        form.WaitForAssertion(() => Assert.Contains("关联的工单不存在或不属于本厅。", FieldOf(form, "feedback-ticket").TextContent));
        Assert.Equal(before, await App.WithDbAsync(db => db.Feedback.CountAsync()));
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task A_rated_ticket_with_a_poor_rating_offers_the_call_back_and_refuses_closing_until_it_is_recorded()
    {
        var ticket = await ResolvedTicketAsync("林四");
        ticket = await Commands.FollowUpAsync(ticket.Id, null, FollowUpOutcome.Reached, null, Me);
        await Commands.RateAsync(ticket.Id, null, SatisfactionLevel.Dissatisfied, "还是不会用", RatingSource.HandedTablet, Me);

        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, ticket.Id));
        page.WaitForAssertion(() => Assert.Contains("须回访纳税人并记录后才能关闭", page.Find(".hb-callback-required").TextContent));
        Assert.Contains("为该工单登记纳税人意见", page.Find($"a[href='/feedback/new?ticket={ticket.Number}']").TextContent);

        // The ticket's own rules refuse closing while the call-back is owed, so neither close is offered.
        Assert.DoesNotContain(page.FindAll(".hb-ticket-actions button"), b => b.TextContent.Trim() is "关闭" or "无法完成回访时关闭");
        await Assert.ThrowsAsync<TicketRuleException>(() => Commands.CloseAsync(ticket.Id, null, CloseReason.Completed, null, Me));
        Assert.Equal(TicketStatus.Rated, (await Queries.GetAsync(ticket.Id, HallId))!.Row.Status);

        await page.InvokeAsync(() => Button(page, "记录投诉回访").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".hb-callback-required")));
        await page.InvokeAsync(() => Button(page, "关闭").Click());
        page.WaitForAssertion(() => Assert.Contains("已关闭", page.Find(".hb-ticket-head").TextContent));
    }

    private static IElement Button<T>(IRenderedComponent<T> c, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        c.FindAll("button").First(b => b.TextContent.Trim() == text);

    private static IElement FieldOf<T>(IRenderedComponent<T> c, string inputId) where T : Microsoft.AspNetCore.Components.IComponent =>
        c.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around #{inputId}.");
}
