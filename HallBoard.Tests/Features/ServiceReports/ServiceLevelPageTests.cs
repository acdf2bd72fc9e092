using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Pages;
using HallBoard.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The half-year page, signed in as the demo hall's manager, on the app's real services and database.</summary>
public sealed class ServiceLevelPageTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact(Timeout = 600_000)]
    public async Task Finalising_is_refused_while_a_miss_lacks_an_action_and_allowed_once_both_have_one()
    {
        var known = await app.KnownAsync();
        await using var ui = Ui(known.HallId);
        ui.Render<MudPopoverProvider>();
        var page = ui.Render<ServiceLevelPage>();
        page.WaitForState(() => page.FindAll("#sl-lines tbody tr").Count == 5, TimeSpan.FromSeconds(30));

        // Opens on the half year that ended last: the first half of 2026, with two misses flagged.
        Assert.Contains("2026年上半年", page.Find("#sl-report h1").TextContent);
        Assert.Equal(["response", "resolve"], page.FindAll("#sl-lines tr.hb-miss").Select(r => r.GetAttribute("data-metric")));
        page.Find("#sl-finalise").Click();
        page.WaitForState(() => page.FindAll("#sl-error").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Contains("响应及时率（目标 95.0%，实际 42.9%）", page.Find("#sl-error").TextContent);
        Assert.Equal("草稿", page.Find("#sl-status").TextContent.Trim());

        // The draft with misses offers the corrective-action form.
        Assert.NotNull(page.Find("#ca-add"));
        await app.Get<ServiceLevelReports>().AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("response", "高峰时段增派一名工程师值守取号区", (await app.EngineerActorAsync(1)).EngineerId, new DateOnly(2026, 8, 31)), await app.ActorAsync("manager"));
        page.Find("#sl-finalise").Click();
        page.WaitForState(() => page.Find("#sl-error").TextContent.Contains("解决及时率"), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("响应及时率", page.Find("#sl-error").TextContent);

        await app.Get<ServiceLevelReports>().AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("resolve", "发票类故障建立备用税控设备", (await app.EngineerActorAsync(2)).EngineerId, new DateOnly(2026, 9, 30)), await app.ActorAsync("manager"));
        page.Find("#sl-finalise").Click();
        page.WaitForState(() => page.Find("#sl-status").TextContent.StartsWith("已定稿"), TimeSpan.FromSeconds(30));

        Assert.Empty(page.FindAll("#sl-error"));
        Assert.Empty(page.FindAll("#sl-finalise"));
        Assert.Empty(page.FindAll("#ca-add"));
        Assert.Contains("孙经理", page.Find("#sl-status").TextContent);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_future_half_year_shows_a_clear_message_instead_of_a_report()
    {
        var known = await app.KnownAsync();
        await using var ui = Ui(known.HallId);
        ui.Render<MudPopoverProvider>();
        var page = ui.Render<ServiceLevelPage>();
        page.WaitForState(() => page.FindAll("#sl-report").Count == 1, TimeSpan.FromSeconds(30));

        page.Find("#sl-year").Change("2027");
        page.Find("#sl-show").Click();

        page.WaitForState(() => page.FindAll("#sl-error").Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal("2027年上半年尚未开始，不能生成服务水平报告。", page.Find("#sl-error").TextContent.Trim());
        Assert.Empty(page.FindAll("#sl-report"));
    }

    private BunitContext Ui(int hallId)
    {
        var ui = new BunitContext();
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        ui.Services.AddSingleton(app.Get<HallTime>());
        ui.Services.AddSingleton(app.Get<ReportHalls>());
        ui.Services.AddSingleton(app.Get<ServiceLevelReports>());
        ui.AddAuthorization().SetAuthorized("manager").SetRoles(Roles.Manager).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "manager-id"),
            new Claim(HallClaims.DisplayName, "孙经理"),
            new Claim(HallClaims.HallId, hallId.ToString(CultureInfo.InvariantCulture)));
        return ui;
    }
}
