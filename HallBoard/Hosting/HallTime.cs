using Microsoft.Extensions.Options;

namespace HallBoard.Hosting;

public sealed class HallOptions
{
    /// <summary>IANA id of the zone times are shown in; stored times are always UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Where taxpayers reach the app ("https://hall.example.cn/"); QR codes are built on it.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The hall's clock: now in UTC, and UTC shown in the hall's local time (China Standard Time).</summary>
public sealed class HallTime(TimeProvider clock, IOptions<HallOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>The hall's zone, in which opening hours and holidays are kept.</summary>
    public TimeZoneInfo Zone => _zone;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone);

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    /// <summary>The UTC instant the given local day starts.</summary>
    public DateTime DayStartUtc(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm") => ToLocal(utc).ToString(format);

    public string Format(DateTime? utc, string format = "yyyy-MM-dd HH:mm") => utc is null ? "—" : Format(utc.Value, format);
}
