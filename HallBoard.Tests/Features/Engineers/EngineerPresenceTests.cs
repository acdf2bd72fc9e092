using System.Security.Claims;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Engineers;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace HallBoard.Tests.Features.Engineers;

/// <summary>A tablet gone for the configured time (5 minutes here) turns its engineer offline; one that is
/// connected keeps them on duty, and one that comes back brings them back.</summary>
public sealed class EngineerPresenceTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private EngineerStatusBook Statuses => app.Get<EngineerStatusBook>();

    [Fact]
    public async Task A_tablet_gone_longer_than_the_configured_time_turns_its_engineer_offline_by_itself()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var me = hall.Engineer(1);
        using var feed = new FeedRecorder(app);
        await Statuses.SetAsync(me.EngineerId!.Value, EngineerStatus.Available, me);
        var tapped = app.Time.GetUtcNow().UtcDateTime;

        app.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await Statuses.SweepAsync());
        Assert.Equal(EngineerStatus.Available, await StatusAsync(me));

        // Only the clock moves: the app's own timer notices.
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var offline = await feed.WaitForAsync(c => c.HallId == hall.Id && c.Engineer?.Status == "Offline");

        Assert.Equal("离线", offline.Engineer!.StatusLabel);
        Assert.Equal(EngineerStatus.Offline, await StatusAsync(me));
        var change = (await ChangesAsync(me)).Last();
        Assert.Equal((EngineerStatus.Available, EngineerStatus.Offline), (change.From, change.To));
        Assert.Equal(Actor.System.Name, change.ByName);
        Assert.Equal("平板离线超过 5 分钟", change.Reason);
        Assert.Equal(tapped.AddMinutes(6), change.AtUtc);
    }

    [Fact]
    public async Task A_connected_tablet_keeps_its_engineer_on_duty_and_one_that_comes_back_brings_them_back()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var me = hall.Engineer(1);
        var tablet = new EngineerCircuitHandler(new SignedIn(me), app.Get<EngineerPresence>(), Statuses,
            NullLogger<EngineerCircuitHandler>.Instance);

        await tablet.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(EngineerStatus.Available, await StatusAsync(me));
        Assert.Equal("平板上线", (await ChangesAsync(me)).Single().Reason);

        app.Time.Advance(TimeSpan.FromMinutes(30));
        await Statuses.HeartbeatAsync(app.Get<EngineerPresence>().Present);
        await Statuses.SweepAsync();
        Assert.Equal(EngineerStatus.Available, await StatusAsync(me));

        await tablet.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.DoesNotContain(me.EngineerId!.Value, app.Get<EngineerPresence>().Present);
        app.Time.Advance(TimeSpan.FromMinutes(6));
        await Statuses.SweepAsync();
        Assert.Equal(EngineerStatus.Offline, await StatusAsync(me));

        await tablet.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(EngineerStatus.Available, await StatusAsync(me));
    }

    [Fact]
    public async Task Leave_is_kept_however_long_the_tablet_is_away()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var me = hall.Engineer(1);
        await new HallBoard.Tests.Features.Staffing.StaffingHall(app, hall).ApprovedLeaveAsync(1, TimeSpan.FromHours(8));

        app.Time.Advance(TimeSpan.FromHours(3));
        await Statuses.SweepAsync();

        Assert.Equal(EngineerStatus.OnLeave, await StatusAsync(me));
    }

    private async Task<EngineerStatus> StatusAsync(Actor engineer) =>
        (await Statuses.CurrentAsync(engineer.EngineerId!.Value))!.Status;

    private Task<List<EngineerStatusChange>> ChangesAsync(Actor engineer) => app.WithDbAsync(db =>
        db.EngineerStatusChanges.Where(c => c.EngineerId == engineer.EngineerId).OrderBy(c => c.Id).ToListAsync());

    private sealed class SignedIn(Actor engineer) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, engineer.Id),
                new Claim(HallClaims.EngineerId, engineer.EngineerId!.Value.ToString()),
                new Claim(HallClaims.HallId, engineer.HallId!.Value.ToString()),
            ], "test"))));
    }
}
