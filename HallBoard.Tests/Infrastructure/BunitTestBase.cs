using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// bUnit with MudBlazor, signed in as the demo engineer 张伟 (eng1) of the demo hall, and the app's real
/// ticket services on the factory's SQLite database: what a page does is what the app would do.
/// Share one <see cref="HallAppFactory"/> per test class through <c>IClassFixture</c>.
/// </summary>
[Trait("Provider", "Sqlite")] // component tests: the Postgres pass covers their services directly
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected BunitTestBase(HallAppFactory app)
    {
        App = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        // What bUnit's own container does not hold (the app's services: commands, queries, the live feed …) comes from
        // the app itself, through a scope of its own: the app's scoped services may not be taken from its root.
        _appScope = app.Services.CreateAsyncScope();
        Services.AddFallbackServiceProvider(_appScope.ServiceProvider);
    }

    protected HallAppFactory App { get; }

    /// <summary>The signed-in engineer, as the app's commands see them.</summary>
    protected Actor Me { get; private set; } = default!;

    protected int HallId => Me.HallId ?? throw new InvalidOperationException("The demo engineer belongs to a hall.");

    protected TicketCommands Commands => App.Get<TicketCommands>();

    protected TicketQueries Queries => App.Get<TicketQueries>();

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    protected ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    private readonly AsyncServiceScope _appScope;
    private Bunit.TestDoubles.BunitAuthorizationContext? _auth;
    private bool _popovers;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _auth = AddAuthorization();
        await SignInAsAsync("eng1");
    }

    /// <summary>Signs in as a demo account (lead, manager, eng2 …) before a page is rendered: its role, hall and engineer.</summary>
    protected async Task SignInAsAsync(string userName)
    {
        SignInAs(await App.ActorAsync(userName));
    }

    /// <summary>Signs in as a hand-made actor (a bureau account with its supervised halls, say), with the claims the
    /// sign-in cookie would carry.</summary>
    protected void SignInAs(Actor actor)
    {
        Me = actor;
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, Me.Id), new(HallClaims.DisplayName, Me.Name) };
        if (Me.HallId is int hall) claims.Add(new Claim(HallClaims.HallId, hall.ToString(CultureInfo.InvariantCulture)));
        if (Me.EngineerId is int engineer) claims.Add(new Claim(HallClaims.EngineerId, engineer.ToString(CultureInfo.InvariantCulture)));
        claims.AddRange(Me.SupervisedHalls.Select(h => new Claim(HallClaims.SupervisedHall, h.ToString(CultureInfo.InvariantCulture))));
        _auth!.SetAuthorized(Me.Name).SetRoles([.. Me.Roles]).SetClaims([.. claims]);
    }

    // MudBlazor registers services that can only be disposed asynchronously; xunit 2 disposes test classes synchronously.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _appScope.DisposeAsync();
    }

    /// <summary>Renders a page beside a popover provider, as the app's layout does.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        // One provider per test: a test may render a page twice (say, as the engineer and then as the lead).
        if (!_popovers)
        {
            Render<MudPopoverProvider>();
            _popovers = true;
        }
        return parameters is null ? Render<TPage>() : Render(parameters);
    }
}
