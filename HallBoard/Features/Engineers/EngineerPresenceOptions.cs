namespace HallBoard.Features.Engineers;

/// <summary>Read from configuration section "Live", beside the live path's own settings.</summary>
public sealed class EngineerPresenceOptions
{
    /// <summary>A tablet gone this long turns its engineer offline.</summary>
    public int OfflineAfterMinutes { get; set; } = 10;

    public TimeSpan OfflineAfter => TimeSpan.FromMinutes(Math.Max(1, OfflineAfterMinutes));
}
