using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Staffing;
using HallBoard.Features.Staffing.Pages;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Staffing;

/// <summary>A hotline ticket logged at 22:00 pages the on-call engineer's screen with its after-hours target.</summary>
public sealed class OnCallPagerTests(FakeClockHall app) : BunitTestBase(app), IClassFixture<FakeClockHall>
{
    [Fact]
    public async Task A_hotline_ticket_at_22_00_shows_on_the_on_call_engineers_screen_with_the_after_hours_target()
    {
        var clock = (FakeClockHall)App;
        clock.MoveToNextOpening();
        clock.Time.Advance(TimeSpan.FromHours(13)); // 22:00 in the hall
        var now = clock.Time.GetUtcNow().UtcDateTime;
        var lead = new Actor("lead:oncall", "赵主任", null, HallId) { Roles = new HashSet<string> { HallBoard.Features.Account.Roles.HallLead } };
        await App.Get<RosterBook>().AddOnCallAsync(HallId, Me.EngineerId!.Value, now.AddHours(-1), now.AddHours(10), lead);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var pager = Render<OnCallPager>();

        var ticket = await Commands.IntakeAsync(HallId, new TicketDraft
        {
            TaxpayerName = "王五", Channel = Channel.Hotline12366, Category = Category.Filing, Kind = TicketKind.Consultation,
            Priority = Priority.Normal, Description = "夜间来电咨询申报",
        }, lead, takeNow: false);

        pager.WaitForAssertion(() => Assert.Contains($"非营业时间热线工单 {ticket.Number}，请于 22:30 前响应", pager.Markup));
        var due = await App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ResponseDueUtc).SingleAsync());
        Assert.Equal(now.AddMinutes(30), due);
        Assert.Contains("呼叫值班：张伟", (await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "非营业时间热线" && a.EntityId == ticket.Number))).After);
    }
}
