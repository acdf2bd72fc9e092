using System.Globalization;

namespace HallBoard.Features.Analysis;

/// <summary>A problem with one row of an import (row 1 is the header), or with the whole file (no row).</summary>
public sealed record ImportError(int? Row, string? Column, string Reason)
{
    public override string ToString() =>
        (Row is int r ? $"第 {r} 行" : "文件") + (Column is { } c ? $"「{c}」" : "") + "：" + Reason;
}

/// <summary>
/// The columns of the volume template and the rules every day's figures follow, whether typed into the form or
/// imported: whole numbers from 0 to <see cref="MaxPerDay"/>, a day not in the future.
/// </summary>
public static class VolumeRules
{
    /// <summary>More than this in one hall in one day is a typing or export mistake, not a busy day.</summary>
    public const int MaxPerDay = 100_000;

    public const string DateHeader = "日期";

    /// <summary>The template's volume columns after the date, in order.</summary>
    public static readonly string[] VolumeHeaders = ["金三窗口业务量", "电子税务局", "手机APP", "自助办税终端", "智慧办税区"];

    public static readonly string[] Headers = [DateHeader, .. VolumeHeaders];

    public static readonly string[] OnlineChannels = VolumeHeaders[1..];

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    // Excel's day numbers of 2000-01-01 and 2099-12-31: a date cell stored as a number.
    private const double FirstSerial = 36526;
    private const double LastSerial = 73050;

    /// <summary>A day from a cell's text or from an Excel date serial; null with a reason otherwise.</summary>
    public static DateOnly? Day(string? text, double? serial, out string? reason)
    {
        reason = null;
        // A date cell that a program stored as text of its day number ("46083").
        if (serial is null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var asNumber)) serial = asNumber;
        if (serial is { } n)
        {
            if (n >= FirstSerial && n <= LastSerial + 1) return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(n)));
            if (n >= 19000101 && n <= 20991231 && DateOnly.TryParseExact(((long)n).ToString(CultureInfo.InvariantCulture), "yyyyMMdd", out var compact))
                return compact;
        }
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            reason = "日期不能为空";
            return null;
        }
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return DateOnly.FromDateTime(parsed);
        reason = $"“{value}”不是有效日期（格式如 2026-03-02）";
        return null;
    }

    /// <summary>A volume from a cell's text or number; null with a reason otherwise.</summary>
    public static int? Volume(string? text, double? number, out string? reason)
    {
        reason = null;
        double value;
        if (number is { } n) value = n;
        else
        {
            var trimmed = text?.Trim();
            if (string.IsNullOrEmpty(trimmed))
            {
                reason = "不能为空（没有业务请填 0）";
                return null;
            }
            if (!double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                    CultureInfo.InvariantCulture, out value))
            {
                reason = $"“{trimmed}”不是数字";
                return null;
            }
        }
        return Check(value, out reason);
    }

    public static int? Check(double value, out string? reason)
    {
        reason = null;
        if (double.IsNaN(value) || double.IsInfinity(value)) reason = "不是数字";
        else if (value < 0) reason = $"业务量不能为负数（{value.ToString(CultureInfo.InvariantCulture)}）";
        else if (value != Math.Floor(value)) reason = $"业务量必须是整数（{value.ToString(CultureInfo.InvariantCulture)}）";
        else if (value > MaxPerDay) reason = $"业务量 {value.ToString("N0", CultureInfo.InvariantCulture)} 超出一天可能的范围（最多 {MaxPerDay:N0}）";
        return reason is null ? (int)value : null;
    }

    /// <summary>A day in the future cannot have a volume yet.</summary>
    public static string? DayProblem(DateOnly day, DateOnly today) =>
        day > today ? $"日期 {day:yyyy-MM-dd} 晚于今天，不能录入未来的业务量" : null;
}
