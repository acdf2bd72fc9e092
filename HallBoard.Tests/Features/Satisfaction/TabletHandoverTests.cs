using System.Net;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Satisfaction;

/// <summary>Handing the tablet over only by a deliberate, same-site POST; taking it back with a password that cannot be guessed at.</summary>
public sealed class TabletHandoverTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private async Task<int> ResolvedTicketAsync(int engineerNo)
    {
        var engineer = await app.EngineerActorAsync(engineerNo);
        var hall = await app.DemoHallAsync();
        var commands = app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(hall.Id, new TicketDraft { TaxpayerName = "钱七", Description = "社保费缴纳失败" }, engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "更换浏览器后缴纳成功", engineer);
        return ticket.Id;
    }

    private async Task<HttpClient> TabletAsync(string user)
    {
        var tablet = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal("/", (await FormPost.SignInAsync(tablet, user, DemoData.Password)).Headers.Location!.OriginalString);
        return tablet;
    }

    private Task<int> LinksOfAsync(int ticketId) => app.WithDbAsync(db => db.SatisfactionLinks.CountAsync(l => l.TicketId == ticketId));

    [Fact]
    public async Task A_get_or_a_post_without_the_forms_token_does_not_hand_the_tablet_over()
    {
        var ticketId = await ResolvedTicketAsync(3);
        var tablet = await TabletAsync("eng3");

        var viaLink = await tablet.GetAsync($"/tickets/{ticketId}/handover");
        Assert.False(viaLink.Headers.Location?.OriginalString.StartsWith("/rate/") ?? false);
        var forged = await tablet.PostAsync($"/tickets/{ticketId}/handover", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(0, await LinksOfAsync(ticketId));
        Assert.NotEqual(HttpStatusCode.Redirect, (await tablet.GetAsync("/queue")).StatusCode);

        var handover = await FormPost.SubmitAsync(tablet, "/login", $"/tickets/{ticketId}/handover", new Dictionary<string, string>());
        Assert.StartsWith("/rate/", handover.Headers.Location!.OriginalString);
        Assert.Equal(1, await LinksOfAsync(ticketId));
    }

    [Fact]
    public async Task Five_wrong_unlock_passwords_lock_the_account_and_every_attempt_is_audited()
    {
        var ticketId = await ResolvedTicketAsync(4);
        var tablet = await TabletAsync("eng4");
        var ratePath = (await FormPost.SubmitAsync(tablet, "/login", $"/tickets/{ticketId}/handover", new Dictionary<string, string>()))
            .Headers.Location!.OriginalString;

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await FormPost.SubmitAsync(tablet, ratePath, "/account/unlock", new Dictionary<string, string> { ["password"] = "guess" + i });
            answers.Add(wrong.Headers.Location!.OriginalString);
        }
        Assert.All(answers.Take(4), a => Assert.EndsWith("?unlock=failed", a));
        Assert.EndsWith("?unlock=locked", answers[4]);

        var right = await FormPost.SubmitAsync(tablet, ratePath, "/account/unlock", new Dictionary<string, string> { ["password"] = DemoData.Password });
        Assert.EndsWith("?unlock=locked", right.Headers.Location!.OriginalString);
        Assert.Contains("账户已锁定 15 分钟", await tablet.GetStringAsync(right.Headers.Location!.OriginalString));
        Assert.Equal(ratePath, (await tablet.GetAsync("/queue")).Headers.Location!.OriginalString);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == TabletUnlock.Failed && a.EntityId == "eng4").OrderBy(a => a.Id).Select(a => a.After).ToListAsync());
        Assert.Equal(6, audit.Count);
        Assert.Equal("密码错误（连续第 1 次）", audit[0]);
        Assert.Equal("密码错误，账户已锁定", audit[4]);
        Assert.Equal("账户已锁定，未检查密码", audit[5]);
    }
}
