using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HallBoard.Benchmarks;

/// <summary>One event as a hub client received it: which client, which ticket number, and when.</summary>
/// <param name="Timestamp">Stopwatch timestamp of this process at receipt.</param>
/// <param name="ReceivedUnixMs">Wall clock at receipt.</param>
/// <param name="PublishedUnixMs">The event's own atUtc (when the server published it), if it carries one.</param>
public readonly record struct Receipt(int Client, string Number, long Timestamp, double ReceivedUnixMs, double PublishedUnixMs);

/// <summary>The slice of HallBoard's TicketChanged event the clients read (docs/live-api.md); the floor hub sends the same shape.</summary>
public sealed record TicketChangedLite(string HallCode, int TicketId, string Number, string Status, string StatusLabel,
    string? Category, string? CategoryLabel, string? Taxpayer, DateTime AtUtc);

/// <summary>
/// N raw SignalR clients (WebSockets, JSON protocol) in this process, all listening to TicketChanged. The same
/// swarm code serves the floor hub and HallBoard's hub, so the two figures differ only in the server.
/// </summary>
public sealed class HubSwarm : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private ConcurrentQueue<Receipt> _sink = new();
    private long _otherEvents;

    /// <summary>HallBoard's other events, only counted: they share the connections with TicketChanged.</summary>
    private static readonly string[] OtherEvents = ["EngineerStatusChanged", "FiguresChanged", "AlertRaised", "AlertCleared"];

    private HubSwarm() { }

    public int Count => _connections.Count;

    public static async Task<HubSwarm> ConnectAsync(Uri hubUrl, int clients, string? accessToken, string? joinHall, TimeSpan patience)
    {
        var swarm = new HubSwarm();
        using var gate = new SemaphoreSlim(16);
        using var timeout = new CancellationTokenSource(patience);
        var failures = 0;
        var tasks = Enumerable.Range(0, clients).Select(async index =>
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(hubUrl, HttpTransportType.WebSockets, o =>
                    {
                        o.SkipNegotiation = true;
                        if (accessToken is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                    })
                    .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
                    .Build();
                connection.On<TicketChangedLite>("TicketChanged", e =>
                {
                    var at = Stopwatch.GetTimestamp();
                    swarm._sink.Enqueue(new Receipt(index, e.Number, at, Clock.NowUnixMs(), Clock.UnixMs(e.AtUtc)));
                });
                foreach (var name in OtherEvents)
                    connection.On<JsonElement>(name, _ => Interlocked.Increment(ref swarm._otherEvents));
                await connection.StartAsync(timeout.Token);
                if (joinHall is not null) await connection.InvokeAsync<object>("JoinHall", joinHall, timeout.Token);
                lock (swarm._connections) swarm._connections.Add(connection);
            }
            catch (Exception) when (!timeout.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        if (failures > 0 || swarm.Count != clients)
        {
            await swarm.DisposeAsync();
            throw new InvalidOperationException($"only {swarm.Count} of {clients} hub clients connected to {hubUrl}");
        }
        return swarm;
    }

    /// <summary>Starts a new series: receipts from now on go to a fresh collection.</summary>
    public ConcurrentQueue<Receipt> Collect() => _sink = new ConcurrentQueue<Receipt>();

    /// <summary>Other events received by all clients since the last call.</summary>
    public long TakeOtherEvents() => Interlocked.Exchange(ref _otherEvents, 0);

    public async ValueTask DisposeAsync()
    {
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(_connections.Select(async c =>
        {
            await gate.WaitAsync();
            try { await c.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception) { /* already gone */ }
            finally { gate.Release(); }
        }));
        _connections.Clear();
    }
}
