using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Satisfaction;

/// <summary>What the taxpayer sees on the rating page, rendered with bUnit against the real link service.</summary>
public sealed class RatePageComponentTests : BunitContext, IClassFixture<RatePageComponentTests.ClockedApp>
{
    public sealed class ClockedApp : HallAppFactory
    {
        public ClockedApp() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    }

    private readonly HallAppFactory _app;
    private readonly FakeTimeProvider _clock;

    public RatePageComponentTests(ClockedApp app)
    {
        _clock = app.Clock!;
        _app = app;
        Services.AddSingleton(app.Get<SatisfactionLinks>());
    }

    private async Task<string> LinkAsync()
    {
        var engineer = await _app.EngineerActorAsync(6);
        var commands = _app.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(engineer.HallId!.Value,
            new TicketDraft { TaxpayerName = "周九", TaxpayerId = "11010519491231002X", TaxpayerPhone = "13500135000", Description = "社保缴费查询" },
            engineer, takeNow: true);
        await commands.ResolveAsync(ticket.Id, null, "指导在手机APP查询", engineer);
        return await _app.Get<SatisfactionLinks>().CreateAsync(ticket.Id, RatingSource.HandedTablet, engineer);
    }

    [Fact]
    public async Task Shows_the_five_national_levels_as_big_buttons_and_nothing_about_the_taxpayer()
    {
        var token = await LinkAsync();
        var serviceDay = _app.Get<HallBoard.Hosting.HallTime>().Today;

        var page = Render<Rate>(p => p.Add(r => r.Token, token));

        page.WaitForAssertion(() => Assert.Contains("高新区税务局办税服务厅", page.Markup));
        var levels = page.FindAll("button[name=level]").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意"], levels);
        Assert.Equal($"服务日期：{serviceDay:yyyy年M月d日}", page.Find("p.hb-sub").TextContent.Trim());
        Assert.NotNull(page.Find("textarea[name=comment]"));
        foreach (var secret in new[] { "周九", "11010519491231002X", "13500135000", "社保缴费查询", "GX-" })
            Assert.DoesNotContain(secret, page.Markup);
        Assert.Empty(page.FindAll("a[href]"));
    }

    [Fact]
    public async Task A_used_link_thanks_the_taxpayer_and_offers_no_buttons()
    {
        var token = await LinkAsync();
        await _app.Get<SatisfactionLinks>().RateAsync(token, SatisfactionLevel.Satisfied, null);

        var page = Render<Rate>(p => p.Add(r => r.Token, token));

        page.WaitForAssertion(() => Assert.Contains("感谢您的评价", page.Markup));
        Assert.Empty(page.FindAll("button[name=level]"));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_an_unknown_one_is_invalid()
    {
        var token = await LinkAsync();
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var expired = Render<Rate>(p => p.Add(r => r.Token, token));
        expired.WaitForAssertion(() => Assert.Contains("该评价链接已过期", expired.Markup));
        Assert.Empty(expired.FindAll("button[name=level]"));

        var unknown = Render<Rate>(p => p.Add(r => r.Token, "no-such-link"));
        unknown.WaitForAssertion(() => Assert.Contains("评价链接无效", unknown.Markup));
    }
}
