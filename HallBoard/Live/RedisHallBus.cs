using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HallBoard.Live;

/// <summary>
/// Carries changes between app instances over Redis pub/sub (channel <see cref="ChannelName"/>). A change is
/// delivered to local circuits at once and published with this instance's id; of the echo that comes back only the
/// hub send is done, so every instance delivers each change exactly once. A change hub clients receive takes its hall's number from
/// Redis (key <see cref="SequenceKeyPrefix"/>{hall id}) in the same script that publishes it, so every instance
/// hears the changes of a hall in the order of their numbers. Redis being down never fails a command: local
/// screens still update, the outage is logged and shown as Degraded on /healthz, and the client reconnects.
/// </summary>
public sealed class RedisHallBus(HallDelivery delivery, IOptions<LiveOptions> options, ILogger<RedisHallBus> logger)
    : IHallBus, IHostedService, IAsyncDisposable
{
    public const string ChannelName = "hallboard:changes";
    public const string SequenceKeyPrefix = "hallboard:sequence:";
    private const int MaxMessageBytes = 64 * 1024;
    private static readonly RedisChannel Channel = RedisChannel.Literal(ChannelName);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private volatile bool _subscribed;

    public bool IsConnected => _subscribed && _redis?.IsConnected == true;
    private bool Configured => options.Value.UsesRedis;

    // Numbers and publishes in one step: Redis runs a script alone, so the order of the messages is that of the numbers.
    // The number goes in front of the message's other properties ("{" + …), as the script cannot parse JSON.
    private const string NumberAndPublish = """
        local n = redis.call('INCR', KEYS[1])
        redis.call('PUBLISH', ARGV[1], '{"sequence":' .. string.format('%d', n) .. ',' .. string.sub(ARGV[2], 2))
        return n
        """;

    public async Task PublishAsync(HallChange change)
    {
        if (!HallSequencer.Numbers(change))
            await Task.WhenAll(delivery.DeliverAsync(change), SendAsync(change));
        else if (_redis is null) // before start-up finished no hub client is connected: nothing to number for
            await delivery.DeliverAsync(change, _ => Task.FromResult(0L));
        else
            await Task.WhenAll(delivery.ToCircuitsAsync(change), NumberAndSendAsync(_redis, change));
    }

    /// <summary>This instance's hub clients get the change when its echo comes back from Redis, in the channel's order
    /// among the other instances' changes; only if the echo cannot come are they sent it at once.</summary>
    private async Task NumberAndSendAsync(ConnectionMultiplexer redis, HallChange change)
    {
        long number;
        try
        {
            var message = JsonSerializer.Serialize(new BusMessage(_instanceId, change), Json);
            number = (long)await redis.GetDatabase().ScriptEvaluateAsync(NumberAndPublish,
                [SequenceKeyPrefix + change.HallId], [ChannelName, message]);
        }
        catch (Exception ex)
        {
            // Local screens still get the change; numbering on from here makes clients elsewhere see a gap and resync.
            logger.LogWarning(ex, "Redis did not take change {Change}; other instances miss it", change);
            await delivery.ToHubAsync(change, turn => Task.FromResult(turn.Next()));
            return;
        }
        if (!_subscribed) await delivery.ToHubAsync(change, _ => Task.FromResult(number));
    }

    private async Task SendAsync(HallChange change)
    {
        // Notices published before start-up finished (demo seeding) stay local: no instance is listening yet.
        if (_redis is not { } redis) return;
        try
        {
            var message = JsonSerializer.Serialize(new BusMessage(_instanceId, change), Json);
            await redis.GetSubscriber().PublishAsync(Channel, message);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Redis did not take change {Change}; other instances miss it", change);
        }
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        HallChange? change;
        long sequence;
        bool own;
        try
        {
            var bytes = (byte[]?)message.Message;
            if (bytes is null || bytes.Length > MaxMessageBytes) return;
            var envelope = JsonSerializer.Deserialize<BusMessage>(bytes, Json);
            if (envelope is null) return;
            (change, sequence, own) = (envelope.Change, envelope.Sequence, envelope.Origin == _instanceId);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Skipped a malformed message on {Channel}", ChannelName);
            return;
        }
        try
        {
            // This instance's circuits had its own changes at once; its hub clients get them now, in the channel's order.
            if (own && sequence > 0) await delivery.ToHubAsync(change, _ => Task.FromResult(sequence));
            else if (own) return;
            else if (sequence > 0) await delivery.DeliverAsync(change, _ => Task.FromResult(sequence));
            else await delivery.DeliverAsync(change);
        }
        catch (Exception ex) { logger.LogWarning(ex, "Delivering change {Change} from another instance failed", change); }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesRedis) return; // registered always; idle with the in-process bus
        var config = ConfigurationOptions.Parse(options.Value.Redis!);
        config.AbortOnConnectFail = false;
        config.ClientName ??= $"hallboard-{_instanceId[..8]}";
        _redis = await ConnectionMultiplexer.ConnectAsync(config);
        if (!await TrySubscribeAsync())
            _ = KeepTryingToSubscribeAsync();
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            // A message queue, not a plain handler: it hands messages over one at a time, in order.
            var queue = await _redis!.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(ReceiveAsync);
            _subscribed = true;
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogError(ex, "Cannot subscribe to Redis at {Redis}; live changes from other instances are missed until it answers", options.Value.Redis);
            return false;
        }
    }

    private async Task KeepTryingToSubscribeAsync()
    {
        try
        {
            while (!await TrySubscribeAsync())
                await Task.Delay(TimeSpan.FromSeconds(5), _stopping.Token);
        }
        catch (OperationCanceledException) { }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop a service it has already disposed (a test host torn down twice): nothing left to stop.
        if (Interlocked.CompareExchange(ref _disposed, 0, 0) == 1) return;
        await _stopping.CancelAsync();
        if (_redis is null) return;
        try
        {
            await _redis.CloseAsync();
        }
        catch (Exception ex)
        {
            // Closing is a courtesy to the server, and the connection is disposed next anyway. StackExchange.Redis can fail
            // inside its own close while a reconnect is under way (seen as a NullReferenceException in
            // ConnectionMultiplexer.AllComplete); that must not fail the app's shutdown.
            logger.LogWarning(ex, "Redis connection did not close cleanly");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        _stopping.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private int _disposed;

    private sealed record BusMessage(string Origin, HallChange Change,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Sequence = 0);

    /// <summary>Degraded (not Unhealthy) while a configured Redis is away: this instance still serves its own screens.</summary>
    public sealed class HealthCheck(RedisHallBus bus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(!bus.Configured || bus.IsConnected
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Redis live bus is not connected"));
    }
}
