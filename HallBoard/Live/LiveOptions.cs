namespace HallBoard.Live;

/// <summary>Configuration section "Live".</summary>
public sealed class LiveOptions
{
    /// <summary>StackExchange.Redis connection string ("127.0.0.1:6379"); empty = in-process bus, one instance.</summary>
    public string? Redis { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Hub connections one account or API key may hold at once on one instance.</summary>
    public int MaxConnectionsPerPrincipal { get; set; } = 50;

    /// <summary>Largest message a hub client may send; clients only send small invocations such as JoinHall.</summary>
    public int MaxMessageBytes { get; set; } = 32 * 1024;
}
