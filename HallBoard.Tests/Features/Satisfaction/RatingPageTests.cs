using System.Net;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Satisfaction;

/// <summary>The taxpayer's rating page over HTTP, as a phone or the handed-over tablet uses it.</summary>
public sealed class RatingPageTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private async Task<(int TicketId, string Number)> ResolvedTicketAsync()
    {
        var engineer = await app.EngineerActorAsync(2);
        var hall = await app.DemoHallAsync();
        var commands = app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(hall.Id, new TicketDraft
        {
            TaxpayerName = "赵六", TaxpayerId = "91350100M000100Y43", TaxpayerPhone = "13800138000", Description = "发票开具失败",
        }, engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "清除缓存后开具成功", engineer);
        return (ticket.Id, ticket.Number);
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Phone_link_shows_only_hall_and_date_and_records_one_rating()
    {
        var (ticketId, number) = await ResolvedTicketAsync();
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticketId, RatingSource.OwnPhone, await app.EngineerActorAsync(2));
        var phone = Browser();

        var page = await phone.GetStringAsync($"/rate/{token}");
        Assert.Contains("高新区税务局办税服务厅", page);
        Assert.Contains("非常不满意", page);
        Assert.DoesNotContain("赵六", page);
        Assert.DoesNotContain("91350100M000100Y43", page);
        Assert.DoesNotContain("13800138000", page);
        Assert.DoesNotContain(number, page);
        Assert.DoesNotContain("/queue", page);

        var posted = await FormPost.SubmitAsync(phone, $"/rate/{token}", $"/rate/{token}",
            new Dictionary<string, string> { ["level"] = "4", ["comment"] = "很耐心" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var done = await phone.GetStringAsync(posted.Headers.Location!.ToString());
        Assert.True(done.Contains("感谢您的评价"), posted.Headers.Location + "\n" + done);

        var rating = await app.WithDbAsync(db => db.Satisfactions.SingleAsync(s => s.TicketId == ticketId));
        Assert.Equal(SatisfactionLevel.Satisfied, rating.Level);
        Assert.Equal(RatingSource.OwnPhone, rating.Source);
        Assert.Equal("很耐心", rating.Comment);
    }

    [Fact]
    public async Task A_reused_link_is_refused_and_the_first_rating_stands()
    {
        var (ticketId, _) = await ResolvedTicketAsync();
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticketId, RatingSource.OwnPhone, await app.EngineerActorAsync(2));
        var phone = Browser();
        await FormPost.SubmitAsync(phone, $"/rate/{token}", $"/rate/{token}", new Dictionary<string, string> { ["level"] = "5" });

        // A second phone kept the page open and taps again.
        var other = Browser();
        var firstPage = await other.GetStringAsync($"/rate/{token}");
        Assert.Contains("感谢您的评价", firstPage);
        Assert.DoesNotContain("name=\"level\"", firstPage);

        var rating = await app.WithDbAsync(db => db.Satisfactions.SingleAsync(s => s.TicketId == ticketId));
        Assert.Equal(SatisfactionLevel.VerySatisfied, rating.Level);
    }

    [Fact]
    public async Task An_unknown_link_says_so_and_a_bad_level_saves_nothing()
    {
        var phone = Browser();
        Assert.Contains("评价链接无效", await phone.GetStringAsync("/rate/not-a-real-token"));

        var (ticketId, _) = await ResolvedTicketAsync();
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticketId, RatingSource.OwnPhone, await app.EngineerActorAsync(2));
        var posted = await FormPost.SubmitAsync(phone, $"/rate/{token}", $"/rate/{token}", new Dictionary<string, string> { ["level"] = "9" });
        Assert.Contains("error=", posted.Headers.Location!.ToString());
        Assert.Contains("请选择一个满意度等级", await phone.GetStringAsync(posted.Headers.Location!.ToString()));
        Assert.False(await app.WithDbAsync(db => db.Satisfactions.AnyAsync(s => s.TicketId == ticketId)));
    }

    [Fact]
    public async Task A_handed_over_tablet_cannot_leave_the_rating_page_until_the_engineer_unlocks_it()
    {
        var (ticketId, _) = await ResolvedTicketAsync();
        var tablet = Browser();
        await FormPost.SignInAsync(tablet, "eng2", DemoDataPassword);

        var handover = await FormPost.SubmitAsync(tablet, "/login", $"/tickets/{ticketId}/handover", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, handover.StatusCode);
        var ratePath = handover.Headers.Location!.ToString();
        Assert.StartsWith("/rate/", ratePath);

        foreach (var engineerPage in new[] { "/queue", $"/tickets/{ticketId}", "/audit", "/" })
        {
            var attempt = await tablet.GetAsync(engineerPage);
            Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
            Assert.Equal(ratePath, attempt.Headers.Location!.ToString());
        }

        var posted = await FormPost.SubmitAsync(tablet, ratePath, ratePath, new Dictionary<string, string> { ["level"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(ratePath, (await tablet.GetAsync("/queue")).Headers.Location!.ToString());

        var wrong = await FormPost.SubmitAsync(tablet, ratePath, "/account/unlock", new Dictionary<string, string> { ["password"] = "guess" });
        Assert.Contains("unlock=failed", wrong.Headers.Location!.ToString());

        var unlock = await FormPost.SubmitAsync(tablet, ratePath, "/account/unlock", new Dictionary<string, string> { ["password"] = DemoDataPassword });
        Assert.Equal("/", unlock.Headers.Location!.ToString());
        Assert.NotEqual(HttpStatusCode.Redirect, (await tablet.GetAsync("/queue")).StatusCode);

        var rating = await app.WithDbAsync(db => db.Satisfactions.SingleAsync(s => s.TicketId == ticketId));
        Assert.Equal(RatingSource.HandedTablet, rating.Source);
    }

    private const string DemoDataPassword = HallBoard.Data.DemoData.Password;
}
