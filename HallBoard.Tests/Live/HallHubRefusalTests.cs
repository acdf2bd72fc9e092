using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using HallBoard.Domain;
using HallBoard.Features.Api;
using HallBoard.Live;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HallBoard.Tests.Live;

/// <summary>Bad input on the hub is refused with a clear reason while other screens carry on.</summary>
public sealed class HallHubRefusalTests(LiveHallFixture fixture) : IClassFixture<LiveHallFixture>
{
    private LiveHall Hall => fixture.Hall;

    [Fact]
    public async Task A_hall_that_does_not_exist_is_refused_and_the_connection_stays_usable()
    {
        await using var hub = Hall.Hub();
        await hub.StartAsync();

        var unknown = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinHall", "XX"));
        Assert.Contains("办税服务厅“XX”不存在", unknown.Message);
        var empty = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinHall", ""));
        Assert.Contains("请提供办税服务厅代码", empty.Message);
        var missing = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("JoinHall", (string?)null));
        Assert.Contains("请提供办税服务厅代码", missing.Message);

        var joined = await hub.InvokeAsync<JsonElement>("JoinHall", "GX");
        Assert.Equal("GX", joined.GetProperty("hallCode").GetString());
    }

    [Fact]
    public async Task Staff_and_keys_may_join_only_their_own_hall_while_admins_may_join_any()
    {
        await using var engineer = Hall.Hub(apiKey: null, cookies: await Hall.SignInAsync("eng1"));
        await engineer.StartAsync();
        await engineer.InvokeAsync<JsonElement>("JoinHall", "GX");
        var refused = await Assert.ThrowsAsync<HubException>(() => engineer.InvokeAsync<JsonElement>("JoinHall", LiveHallFixture.OtherHallCode));
        Assert.Contains("只能接收本人所属办税服务厅的实时数据", refused.Message);

        await using var admin = Hall.Hub(apiKey: null, cookies: await Hall.SignInAsync("admin"));
        await admin.StartAsync();
        await admin.InvokeAsync<JsonElement>("JoinHall", LiveHallFixture.OtherHallCode);

        await using var integration = Hall.Hub();
        await integration.StartAsync();
        var keyRefused = await Assert.ThrowsAsync<HubException>(() => integration.InvokeAsync<JsonElement>("JoinHall", LiveHallFixture.OtherHallCode));
        Assert.Contains("该接口密钥只能接收其绑定的办税服务厅", keyRefused.Message);
        await integration.InvokeAsync<JsonElement>("JoinHall", "GX");
    }

    [Fact]
    public async Task A_missing_wrong_or_revoked_key_gets_401()
    {
        await AssertUnauthorizedAsync(Hall.Hub(apiKey: null));
        await AssertUnauthorizedAsync(Hall.Hub(apiKey: "hb_not_a_key"));

        var keys = Hall.App.Get<ApiKeys>();
        var key = await keys.CreateAsync("大屏测试", (await Hall.App.DemoHallAsync()).Id, Actor.System);
        await using (var before = Hall.Hub(key)) await before.StartAsync();
        var row = (await keys.ListAsync()).Single(k => k.Name == "大屏测试");
        await keys.RevokeAsync(row.Id, Actor.System);
        await AssertUnauthorizedAsync(Hall.Hub(key));
    }

    [Fact]
    public async Task An_oversize_message_closes_only_the_sender()
    {
        var (sender, _) = await Hall.JoinedAsync();
        var (other, otherEvents) = await Hall.JoinedAsync();
        await using var _ = sender;
        await using var __ = other;
        var closed = ClosedAsync(sender);

        await Assert.ThrowsAnyAsync<Exception>(() => sender.InvokeAsync<JsonElement>("JoinHall", new string('x', 64 * 1024)));
        await closed.WaitAsync(LiveHall.Patience);
        Assert.Equal(HubConnectionState.Disconnected, sender.State);

        await AssertStillServedAsync(other, otherEvents);
    }

    [Fact]
    public async Task A_malformed_frame_closes_only_the_sender()
    {
        var (other, otherEvents) = await Hall.JoinedAsync();
        await using var _ = other;

        using var socket = new ClientWebSocket();
        var url = new UriBuilder(Hall.HubUrl) { Scheme = "ws", Query = $"access_token={HallAppFactory.ApiKey}" }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}\u001e");
        Assert.Equal("{}\u001e", await ReceiveAsync(socket));
        await SendAsync(socket, "{\"type\":1,\"target\":\"JoinHall\",\"arguments\":[\u001e");

        var reply = await ReceiveAsync(socket);
        Assert.True(reply is null || reply.Contains("\"type\":7"), $"expected the server to close the connection, got {reply}");
        await AssertStillServedAsync(other, otherEvents);
    }

    [Fact]
    public async Task One_key_cannot_hold_more_connections_than_its_cap()
    {
        await using var hall = LiveHall.Start(new Dictionary<string, string?> { ["Live:MaxConnectionsPerPrincipal"] = "3" });
        var held = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var hub = hall.Hub();
                await hub.StartAsync();
                held.Add(hub);
            }

            var refused = await RefusalReasonAsync(hall.Hub());
            Assert.Contains("最多同时保持 3 个实时连接", refused);

            // Another account is not affected, and a freed place can be taken again.
            await using var engineer = hall.Hub(apiKey: null, cookies: await hall.SignInAsync("eng2"));
            await engineer.StartAsync();
            await engineer.InvokeAsync<JsonElement>("JoinHall", "GX");
            await held[0].DisposeAsync();
            held.RemoveAt(0);
            await using var again = await RetryUntilConnectedAsync(hall);
            await again.InvokeAsync<JsonElement>("JoinHall", "GX");
        }
        finally
        {
            foreach (var hub in held) await hub.DisposeAsync();
        }
    }

    private async Task AssertStillServedAsync(HubConnection hub, EventLog events)
    {
        await Hall.App.Get<HallNotifier>().PublishAsync(HallChange.FiguresChanged(fixture.HallId, new HallFigures(1, 0, 1, 0, 6, null, null, null, null)));
        await events.NextAsync("FiguresChanged");
        Assert.Equal(HubConnectionState.Connected, hub.State);
        await hub.InvokeAsync<JsonElement>("JoinHall", "GX");
    }

    private static async Task AssertUnauthorizedAsync(HubConnection hub)
    {
        await using var _ = hub;
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    /// <summary>The server accepts the handshake, then closes with its reason: the client sees it on Closed.</summary>
    private static async Task<string> RefusalReasonAsync(HubConnection hub)
    {
        await using var _ = hub;
        var closed = ClosedAsync(hub);
        try { await hub.StartAsync(); }
        catch (Exception ex) { return ex.Message; }
        return (await closed.WaitAsync(LiveHall.Patience))?.Message ?? "";
    }

    private static async Task<HubConnection> RetryUntilConnectedAsync(LiveHall hall)
    {
        // The server counts a connection free once it has seen it close, a moment after the client. A refused connection
        // is closed before the server reads anything from it, so an answered call proves this one was let in; no wait
        // for a refusal that might just be slow.
        using var patience = new CancellationTokenSource(LiveHall.Patience);
        while (true)
        {
            var hub = hall.Hub();
            try
            {
                await hub.StartAsync(patience.Token);
                await hub.InvokeAsync<JsonElement>("JoinHall", "GX", patience.Token);
                return hub;
            }
            catch (Exception) when (!patience.IsCancellationRequested) // refused: its place is not free yet
            {
                await hub.DisposeAsync();
            }
        }
    }

    private static Task<Exception?> ClosedAsync(HubConnection hub)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        return closed.Task;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(LiveHall.Patience);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (result.EndOfMessage) return text.ToString();
        }
    }
}
