using System.Globalization;
using HallBoard.Domain;
using HallBoard.Hosting;

namespace HallBoard.Features.Incidents;

/// <summary>The value of a tablet's date-and-time input ("2026-11-27T09:30"), in the hall's local time.</summary>
public static class LocalTimeField
{
    public const string Format = "yyyy-MM-ddTHH:mm";

    public static string Of(HallTime time, DateTime utc) => time.ToLocal(utc).ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime ToUtc(HallTime time, string? value, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw ValidationFailedException.For(field, $"请填写{label}。");
        string[] formats = [Format, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (!DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            throw ValidationFailedException.For(field, $"{label}格式不正确。");
        return time.ToUtc(local);
    }
}
