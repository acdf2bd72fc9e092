using System.Net;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Api;
using HallBoard.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HallBoard.Tests.Live;

/// <summary>API keys on the hub: sent in a header, held to their hall, and cut off the moment they are revoked.</summary>
public sealed class HallHubKeyTests(LiveHallFixture fixture) : IClassFixture<LiveHallFixture>
{
    private LiveHall Hall => fixture.Hall;

    private async Task<(string Key, int Id)> KeyAsync(string name, int? hallId)
    {
        var key = "hb_hub_" + Guid.NewGuid().ToString("N");
        var keys = Hall.App.Get<ApiKeys>();
        await keys.ImportAsync(name, key, Actor.System, default, hallId, ApiScopes.Read);
        return (key, (await keys.ListAsync()).Single(k => k.Name == name).Id);
    }

    private HubConnection HeaderHub(string key) =>
        new HubConnectionBuilder().WithUrl(Hall.HubUrl, o => o.Headers["Authorization"] = $"Bearer {key}").Build();

    private static Task ClosedAsync(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed.Task;
    }

    [Fact]
    public async Task A_key_in_the_authorization_header_connects_and_joins_its_hall()
    {
        var (key, _) = await KeyAsync("表头密钥", fixture.HallId);
        await using var hub = HeaderHub(key);
        await hub.StartAsync();

        var joined = await hub.InvokeAsync<JsonElement>("JoinHall", "GX");

        Assert.Equal("GX", joined.GetProperty("hallCode").GetString());
    }

    [Fact]
    public async Task A_key_in_the_query_is_not_taken_outside_the_browser_transports()
    {
        using var client = new HttpClient { BaseAddress = Hall.BaseUrl };

        var negotiate = await client.PostAsync($"hubs/hall/negotiate?negotiateVersion=1&access_token={HallBoard.Tests.Infrastructure.HallAppFactory.ApiKey}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task A_key_joins_only_its_own_hall_and_a_key_without_hall_none()
    {
        var (own, _) = await KeyAsync("本厅密钥", fixture.HallId);
        await using var hub = HeaderHub(own);
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinHall", LiveHallFixture.OtherHallCode));
        Assert.Contains("只能接收其绑定的办税服务厅", refused.Message);

        var (none, _) = await KeyAsync("无厅密钥", null);
        await using var unbound = HeaderHub(none);
        await unbound.StartAsync();
        var nothing = await Assert.ThrowsAsync<HubException>(() => unbound.InvokeAsync<JsonElement>("JoinHall", "GX"));
        Assert.Contains("未分配办税服务厅", nothing.Message);
    }

    [Fact]
    public async Task Revoking_a_key_closes_its_open_connections_and_no_one_elses()
    {
        var (key, id) = await KeyAsync("待吊销大屏", fixture.HallId);
        await using var first = HeaderHub(key);
        await using var second = Hall.Hub(key);
        var (other, otherEvents) = await Hall.JoinedAsync();
        await using var _ = other;
        await first.StartAsync();
        await second.StartAsync();
        await first.InvokeAsync<JsonElement>("JoinHall", "GX");
        var closed = Task.WhenAll(ClosedAsync(first), ClosedAsync(second));

        await Hall.App.Get<ApiKeys>().RevokeAsync(id, Actor.System);

        await closed.WaitAsync(LiveHall.Patience);
        Assert.Equal(HubConnectionState.Disconnected, first.State);
        Assert.Equal(HubConnectionState.Disconnected, second.State);
        Assert.Equal(0, Hall.App.Get<HubKeyConnections>().CountOf(id));
        // The development key's connection is untouched and still receives its hall's events.
        await Hall.App.Get<HallNotifier>().PublishAsync(HallChange.FiguresChanged(fixture.HallId, new HallFigures(1, 0, 1, 0, 6, null, null, null, null)));
        await otherEvents.NextAsync("FiguresChanged");
        Assert.Equal(HubConnectionState.Connected, other.State);
    }
}
