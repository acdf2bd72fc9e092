using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Dashboard.Pages;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>bUnit with the app's dashboard services, signed in as a manager of the known hall.</summary>
public abstract class DashboardPageTestBase : BunitContext, IAsyncLifetime
{
    protected DashboardPageTestBase(DashboardApp app)
    {
        App = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(app.Get<DashboardQueries>());
        Services.AddSingleton(app.Get<HallTime>());
        Services.AddSingleton(app.Get<HallFeed>());
        Services.AddSingleton(app.Get<TicketCommands>());
    }

    protected DashboardApp App { get; }

    protected KnownHall Hall { get; private set; } = default!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Hall = await App.KnownAsync();
        AddAuthorization()
            .SetAuthorized("孙经理")
            .SetRoles(Roles.Manager)
            .SetClaims(
                new Claim(ClaimTypes.NameIdentifier, "test:manager"),
                new Claim(HallClaims.DisplayName, "孙经理"),
                new Claim(HallClaims.HallId, Hall.HallId.ToString(CultureInfo.InvariantCulture)));
    }

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    protected IRenderedComponent<DashboardPage> RenderDashboard(TimeSpan? refreshGap = null)
    {
        Render<MudPopoverProvider>();
        var page = Render<DashboardPage>(p => p.Add(x => x.RefreshGap, refreshGap ?? TimeSpan.FromSeconds(5)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-card]")));
        return page;
    }

    protected static string Figure(IRenderedComponent<DashboardPage> page, string label) =>
        page.Find($"[data-figure='{label}']").TextContent.Trim();

    protected static Task ChooseAsync(IRenderedComponent<DashboardPage> page, string chip) =>
        page.InvokeAsync(() => page.FindAll(".mud-chip").Single(c => c.TextContent.Trim() == chip).Click());
}
