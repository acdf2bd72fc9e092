using System.Net;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Feedback;
using HallBoard.Features.Feedback.Pages;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HallBoard.Tests.Hosting;

/// <summary>Pages show no text from the address bar, every response carries the security headers, and QR codes
/// point at the configured public address rather than whatever Host the request named.</summary>
public sealed class PageHardeningTests(PageHardeningTests.App app) : IClassFixture<PageHardeningTests.App>
{
    public sealed class App : HallAppFactory
    {
        public const string PublicBase = "https://ting.example.cn/";

        public App() => Settings["Hall:PublicBaseUrl"] = PublicBase;
    }

    private const string Injected = "<script>alert('伪造')</script>请拨打 400-000-0000 退税";

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Text_in_error_and_done_query_values_is_never_shown()
    {
        var engineer = await app.EngineerActorAsync(1);
        var commands = app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync((await app.DemoHallAsync()).Id,
            new TicketDraft { TaxpayerName = "孙八", Description = "发票查验失败" }, engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "重新查验成功", engineer);
        var token = await app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.OwnPhone, engineer);
        var q = Uri.EscapeDataString(Injected);

        foreach (var page in new[]
        {
            $"/login?error={q}", $"/rate/{token}?error={q}", $"/rate/{token}/feedback?error={q}&done={q}",
            $"/public/GX/feedback?error={q}&done={q}",
        })
        {
            var html = await Browser().GetStringAsync(page);
            Assert.DoesNotContain("400-000-0000", html);
            Assert.DoesNotContain("alert(", html);
        }
    }

    [Fact]
    public async Task A_message_the_app_sealed_is_shown()
    {
        var client = Browser();
        var posted = await FormPost.SubmitAsync(client, "/public/GX/feedback", "/public/GX/feedback",
            new Dictionary<string, string> { ["kind"] = "Opinion", ["content"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var html = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("role=\"alert\"", html);
    }

    [Theory]
    [InlineData("/login", "frame-ancestors 'none'")]
    [InlineData("/api/tickets", "frame-ancestors 'none'")]
    [InlineData("/wall", "frame-ancestors 'self'")]
    [InlineData("/no-such-page", "frame-ancestors 'none'")]
    public async Task Every_response_carries_the_security_headers(string path, string framing)
    {
        var response = await Browser().GetAsync(path);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains(framing, csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public void The_halls_feedback_qr_uses_the_configured_public_address_not_the_requests_host()
    {
        using var ui = new BunitContext();
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        ui.Services.AddSingleton(app.Get<PublicLinks>());

        var qr = ui.Render<PublicFeedbackQr>(p => p.Add(q => q.Hall, new HallRef(1, "GX", "高新区税务局办税服务厅")));

        Assert.Contains(App.PublicBase + "public/GX/feedback", qr.Markup);
        Assert.DoesNotContain("localhost", qr.Markup);
        Assert.Contains("<svg", qr.Markup);
    }
}
