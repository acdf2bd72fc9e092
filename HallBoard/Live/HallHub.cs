using System.Security.Claims;
using HallBoard.Features.Account;
using HallBoard.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace HallBoard.Live;

/// <summary>
/// Live changes for screens and integrations that are not Blazor pages (contract: docs/live-api.md).
/// Thin and stateless: a connection joins its hall's group and receives what <see cref="HubBroadcaster"/> sends.
/// </summary>
[Authorize(Policy = Policies.Hub)]
[SkipStatusCodePages] // a refused client gets its 401, not the app's not-found page re-executed as a POST
public sealed class HallHub(HallDirectory halls, HubConnectionLimiter limiter, HubKeyConnections keys, HallSequencer sequencer) : Hub<IHallClient>
{
    public const string Path = "/hubs/hall";
    private const int MaxHallCodeLength = 32;
    private const string CountedAs = "hb:counted-as";

    public static string GroupOf(string hallCode) => $"hall:{hallCode}";

    public override Task OnConnectedAsync()
    {
        var principal = PrincipalOf(Context.User);
        if (!limiter.TryAcquire(principal))
            throw new HubException($"同一账号或接口密钥最多同时保持 {limiter.Limit} 个实时连接，已拒绝本连接。请关闭不用的连接后重试。");
        Context.Items[CountedAs] = principal;
        if (HubKeyConnections.KeyIdOf(Context.User) is int key) keys.Add(key, Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(CountedAs, out var principal) && principal is string counted)
            limiter.Release(counted);
        if (HubKeyConnections.KeyIdOf(Context.User) is int key) keys.Remove(key, Context);
        return Task.CompletedTask;
    }

    /// <summary>From now on this connection receives the events of the hall with this code. Calling it again is
    /// harmless and answers the current number: how a client resyncs after a gap.</summary>
    public async Task<HallJoined> JoinHall(string hallCode)
    {
        var hall = await AllowedHallAsync(hallCode);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(hall.Code), Context.ConnectionAborted);
        // Read after joining: every event numbered above this one reaches the connection.
        return new HallJoined(hall.Code, hall.Name, sequencer.Current(hall.Id));
    }

    public async Task LeaveHall(string hallCode)
    {
        var hall = await AllowedHallAsync(hallCode);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(hall.Code), Context.ConnectionAborted);
    }

    private async Task<HallEntry> AllowedHallAsync(string? hallCode)
    {
        if (string.IsNullOrWhiteSpace(hallCode) || hallCode.Length > MaxHallCodeLength)
            throw new HubException("请提供办税服务厅代码（例如 GX）。");
        if (Domain.TextRules.HasHidden(hallCode, multiline: false))
            throw new HubException("办税服务厅代码" + Domain.TextRules.HiddenMessage);
        var hall = await halls.ByCodeAsync(hallCode, Context.ConnectionAborted)
            ?? throw new HubException($"办税服务厅“{hallCode.Trim()}”不存在。");
        // Keys and people alike: their own hall, or every hall only when granted; no hall at all means none.
        var actor = Context.User!.ToActor();
        if (!actor.AllHalls && actor.HallId is null) throw new HubException(Actor.NoHallMessage);
        if (!actor.CanSee(hall.Id))
            throw new HubException(HubKeyConnections.KeyIdOf(Context.User) is null
                ? "只能接收本人所属办税服务厅的实时数据。"
                : "该接口密钥只能接收其绑定的办税服务厅的实时数据。");
        return hall;
    }

    private static string PrincipalOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? user?.Identity?.Name ?? "anonymous";
}
