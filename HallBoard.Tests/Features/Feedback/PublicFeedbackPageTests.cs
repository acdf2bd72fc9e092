using System.Net;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Feedback;

/// <summary>The public feedback forms over HTTP, as a phone that scanned the hall's QR code or just rated uses them.</summary>
public sealed class PublicFeedbackPageTests : IClassFixture<PublicFeedbackPageTests.LimitedApp>
{
    /// <summary>The app with a small per-address limit, so the limit is reached within the test.</summary>
    public sealed class LimitedApp : HallAppFactory
    {
        public LimitedApp() => Settings["Feedback:PublicPermitLimit"] = "6";
    }

    private readonly LimitedApp _app;

    public PublicFeedbackPageTests(LimitedApp app) => _app = app;

    private HttpClient Phone() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Dictionary<string, string> Form(string content, string kind = "Complaint", string? phone = null) => new()
    {
        ["kind"] = kind, ["content"] = content, ["contactName"] = "", ["contactPhone"] = phone ?? "",
    };

    [Fact]
    public async Task The_qr_page_shows_the_hall_takes_feedback_refuses_bad_input_and_limits_each_address()
    {
        var phone = Phone();
        var page = await phone.GetStringAsync("/public/GX/feedback");
        Assert.Contains("高新区税务局办税服务厅", page);
        Assert.Contains("投诉", page);
        Assert.Contains("可匿名提交", page);

        // 1: accepted, anonymous; the page answers with the number.
        var ok = await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", Form("大厅空调太冷", "Opinion"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var done = await phone.GetStringAsync(ok.Headers.Location!.ToString());
        Assert.Contains("已收到您的意见，编号 YJ-", done);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Feedback.CountAsync(f => f.Content == "大厅空调太冷" && f.ContactPhone == null)));

        // 2–4: refused with a Chinese message, nothing saved.
        var before = await _app.WithDbAsync(db => db.Feedback.CountAsync());
        foreach (var (form, message) in new[]
                 {
                     (Form("<script>alert('x')</script>"), "意见内容不能包含 HTML 标记或脚本。"),
                     (Form(new string('长', 1001)), "意见内容最多 1000 字。"),
                     (Form("排队太久", phone: "138abc"), "联系电话包含非法字符"),
                 })
        {
            var refused = await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", form);
            var shown = await phone.GetStringAsync(refused.Headers.Location!.ToString());
            Assert.Contains(message, shown);
            Assert.DoesNotContain("<script>alert", shown);
        }
        Assert.Equal(before, await _app.WithDbAsync(db => db.Feedback.CountAsync()));

        // A post without the page's antiforgery token is refused.
        var forged = await Phone().PostAsync("/public/GX/feedback", new FormUrlEncodedContent(Form("伪造提交")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // A huge body is refused before it is read.
        var huge = await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", Form(new string('长', 40_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        // 5, 6 used the limit up (6 per window); the 7th is refused.
        await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", Form("第五条", "Suggestion"));
        await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", Form("第六条", "Suggestion"));
        var limited = await FormPost.SubmitAsync(phone, "/public/GX/feedback", "/public/GX/feedback", Form("第七条", "Suggestion"));
        Assert.Contains("提交过于频繁，请稍后再试。", await phone.GetStringAsync(limited.Headers.Location!.ToString()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(f => f.Content == "第七条")));
    }
}
