namespace HallBoard.Live;

/// <summary>Configuration section "Live".</summary>
public sealed class LiveOptions
{
    /// <summary>StackExchange.Redis connection string ("127.0.0.1:6379"); empty = in-process bus, one instance.</summary>
    public string? Redis { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Hub connections one account or API key may hold at once on one instance.</summary>
    public int MaxConnectionsPerPrincipal { get; set; } = 50;

    /// <summary>Worker threads the thread pool keeps ready (at least). SQLite commits and lock waits block a thread
    /// each; with the pool's default of one per core, a few of them at once leave the hub's sends to hundreds of
    /// clients waiting for the pool to grow (about two threads a second). 0 keeps the runtime's default.</summary>
    public int MinWorkerThreads { get; set; } = 64;

    /// <summary>Largest message a hub client may send; clients only send small invocations such as JoinHall.</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;
}
