using System.Net;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Feedback;

/// <summary>The rating page's way on to an opinion or complaint, over HTTP as the taxpayer's phone uses it.</summary>
public sealed class RateFeedbackPageTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private readonly HallAppFactory _app = app;

    private HttpClient Phone() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Dictionary<string, string> Form(string content, string kind = "Complaint", string? phone = null) => new()
    {
        ["kind"] = kind, ["content"] = content, ["contactName"] = "", ["contactPhone"] = phone ?? "",
    };

    [Fact]
    public async Task After_rating_the_taxpayer_is_offered_a_complaint_tied_to_the_rated_service()
    {
        var engineer = await _app.EngineerActorAsync(2);
        var hall = await _app.DemoHallAsync();
        var commands = _app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(hall.Id, new TicketDraft { TaxpayerName = "郑一", Description = "个税APP无法登录" }, engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "重置密码", engineer);
        var token = await _app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.OwnPhone, engineer);
        var phone = Phone();

        Assert.DoesNotContain("提意见或投诉", await phone.GetStringAsync($"/rate/{token}"));
        await FormPost.SubmitAsync(phone, $"/rate/{token}", $"/rate/{token}", new Dictionary<string, string> { ["level"] = "2" });
        var rated = await phone.GetStringAsync($"/rate/{token}?done=true");
        Assert.Contains("提意见或投诉", rated);
        Assert.Contains($"/rate/{token}/feedback", rated);

        var form = await phone.GetStringAsync($"/rate/{token}/feedback");
        Assert.Contains("高新区税务局办税服务厅", form);
        Assert.DoesNotContain("郑一", form);
        var posted = await FormPost.SubmitAsync(phone, $"/rate/{token}/feedback", $"/rate/{token}/feedback", Form("等了四十分钟", phone: "13700137000"));
        Assert.Contains("已收到您的意见", await phone.GetStringAsync(posted.Headers.Location!.ToString()));

        var saved = await _app.WithDbAsync(db => db.Feedback.SingleAsync(f => f.TicketId == ticket.Id));
        Assert.Equal(FeedbackKind.Complaint, saved.Kind);
        Assert.Equal("13700137000", saved.ContactPhone);
        Assert.Contains("链接无效", await phone.GetStringAsync("/rate/not-a-token/feedback"));
    }

    [Fact]
    public async Task One_rating_link_takes_one_feedback_message_and_a_second_post_is_refused_with_nothing_saved()
    {
        var engineer = await _app.EngineerActorAsync(3);
        var hall = await _app.DemoHallAsync();
        var commands = _app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(hall.Id, new TicketDraft { TaxpayerName = "冯二", Description = "发票打印失败" }, engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "更换纸张", engineer);
        var token = await _app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.OwnPhone, engineer);
        var phone = Phone();
        await FormPost.SubmitAsync(phone, $"/rate/{token}", $"/rate/{token}", new Dictionary<string, string> { ["level"] = "3" });
        var first = await FormPost.SubmitAsync(phone, $"/rate/{token}/feedback", $"/rate/{token}/feedback", Form("窗口太少", kind: "Suggestion"));
        Assert.Contains("已收到您的意见", await phone.GetStringAsync(first.Headers.Location!.ToString()));
        var version = await _app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Version).SingleAsync());

        // The link's page no longer offers the form; a tab left open posts again (its antiforgery token still good).
        var again = await phone.GetStringAsync($"/rate/{token}/feedback");
        Assert.Contains("每个链接只能提交一次", again);
        Assert.DoesNotContain("<form", again);
        var second = await FormPost.SubmitAsync(phone, $"/public/{DemoData.HallCode}/feedback", $"/rate/{token}/feedback", Form("再补充一条"));

        Assert.Contains("每个链接只能提交一次", await phone.GetStringAsync(second.Headers.Location!.ToString()));
        var saved = await _app.WithDbAsync(db => db.Feedback.Where(f => f.TicketId == ticket.Id).Select(f => f.Content).ToListAsync());
        Assert.Equal(["窗口太少"], saved);
        Assert.Equal(version, await _app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.Version).SingleAsync()));
    }
}
