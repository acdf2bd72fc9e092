using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Tickets;

/// <summary>The call-back list: resolved tickets waiting for 回访, with a phone number to tap.</summary>
public sealed class FollowUpsPageTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task Resolved_tickets_wait_for_a_call_back_and_leave_the_list_once_followed_up_and_rated()
    {
        var waiting = await Commands.IntakeAsync(HallId, new TicketDraft { TaxpayerName = "回访甲", TaxpayerPhone = "13611112222", Description = "申报表无法提交" }, Me, takeNow: true);
        await Commands.ResolveAsync(waiting.Id, null, "更换浏览器后提交成功", Me);
        var inProgress = await Commands.IntakeAsync(HallId, new TicketDraft { TaxpayerName = "回访乙", Description = "发票查询" }, Me, takeNow: true);

        var page = RenderPage<FollowUpsPage>();

        page.WaitForAssertion(() =>
        {
            var row = page.FindAll("tr").Single(r => r.TextContent.Contains(waiting.Number));
            Assert.Equal("tel:13611112222", row.QuerySelector("a.hb-tel")!.GetAttribute("href"));
        });
        Assert.DoesNotContain(page.FindAll("tr"), r => r.TextContent.Contains(inProgress.Number));

        var followed = await Commands.FollowUpAsync(waiting.Id, null, FollowUpOutcome.Reached, null, Me);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains(waiting.Number) && r.TextContent.Contains("已回访")));
        await Commands.RateAsync(waiting.Id, followed.Version, SatisfactionLevel.Satisfied, null, RatingSource.CallBack, Me);
        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tr"), r => r.TextContent.Contains(waiting.Number)));
    }
}
