using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Escalations;
using HallBoard.Features.Incidents;
using HallBoard.Features.Wall;
using HallBoard.Features.Wall.Pages;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Components;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>The wall page of a hall of its own: a declared incident puts a banner on it at the next tick, closing takes
/// it off; an escalated ticket is marked.</summary>
public sealed class WallIncidentBannerTests : BunitContext, IClassFixture<QuietFakeClockHall>, IAsyncLifetime
{
    private readonly QuietFakeClockHall _app;
    private TestHall _hall = default!;

    public WallIncidentBannerTests(QuietFakeClockHall app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(app.Get<WallSnapshots>());
        Services.AddSingleton(app.Get<HallFeed>());
        Services.AddSingleton(app.Get<HallTime>());
        Services.AddSingleton(app.Get<HallDirectory>());
        Services.AddSingleton<TimeProvider>(app.Time);
        Services.AddSingleton(app.Get<IOptions<WallOptions>>());
        Services.AddSingleton(app.Get<IOptions<HallOptions>>());
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _hall = await TestHall.CreateAsync(_app, engineers: 2);
        AddAuthorization().SetAuthorized("大厅大屏").SetRoles(Roles.Display)
            .SetClaims(new Claim(HallClaims.HallId, _hall.Id.ToString(CultureInfo.InvariantCulture)));
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task A_declared_incident_shows_a_banner_on_the_wall_until_it_is_closed()
    {
        var wall = RenderWall();
        Assert.Empty(wall.FindAll(".wall-incident-banner"));
        var now = _app.Get<HallTime>().UtcNow;

        var id = await _app.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "电子税务局全厅无法登录", Channels = [Channel.ETaxWeb, Channel.SmartAreaPc], Business = "网上申报", StartUtc = now,
        }, [], _hall.Engineer(1));

        _app.Time.AdvanceUntil(wall, () => Assert.Equal("重大事件：电子税务局全厅无法登录（影响：电子税务局、智慧办税区电脑）",
            wall.Find(".wall-incident-banner").TextContent.Trim()));

        await _app.Get<IncidentCommands>().CloseAsync(id, _app.Get<HallTime>().UtcNow, "证书过期", "更新证书", _hall.Lead);
        _app.Time.AdvanceUntil(wall, () => Assert.Empty(wall.FindAll(".wall-incident-banner")));
    }

    [Fact]
    public async Task An_escalated_ticket_is_marked_on_the_wall_without_the_taxpayer()
    {
        var wall = RenderWall();
        var ticket = await _hall.IntakeAsync(_app, "欧阳明月", takenBy: 1);

        await _app.Get<EscalationCommands>().RaiseAsync(ticket.Id, null, new EscalationRequest(EscalationTarget.HallLead, null,
            "纳税人要求负责人出面", _app.Get<HallTime>().UtcNow.AddHours(2)), _hall.Engineer(1));

        _app.Time.AdvanceUntil(wall, () => Assert.Contains($"已升级 1 单：{WallFormat.Short(ticket.Number)}", wall.Find(".wall-escalated").TextContent));
        Assert.DoesNotContain("欧阳明月", wall.Markup);
        Assert.Contains(wall.FindAll(".wall-alert"), a => a.TextContent.Contains($"{ticket.Number} 已升级至办税服务厅负责人"));
    }

    private IRenderedComponent<WallPage> RenderWall()
    {
        SetRendererInfo(new RendererInfo("Server", true)); // the live circuit, not the first server-rendered paint
        var wall = Render<WallPage>(p => p.Add(x => x.HallCode, _hall.Code));
        wall.WaitForElement(".wall");
        return wall;
    }
}
