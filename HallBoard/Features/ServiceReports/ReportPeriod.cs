using System.Globalization;
using HallBoard.Domain;
using HallBoard.Hosting;

namespace HallBoard.Features.ServiceReports;

/// <summary>The local days a report covers, both included, and the UTC instants they span.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, DateTime StartUtc, DateTime EndUtc, string Title)
{
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>The longest run of days one 《运维报告》 may cover.</summary>
    public const int MaxDays = 31;

    public bool IsComplete(DateTime nowUtc) => nowUtc >= EndUtc;

    /// <summary>Days for the 《运维报告》: both given, in order, not in the future, at most a month.</summary>
    public static ReportPeriod Days(DateOnly? from, DateOnly? to, HallTime time)
    {
        if (from is not { } first || to is not { } last)
            throw ValidationFailedException.For("from", "请选择报告的起止日期。");
        if (last < first)
            throw ValidationFailedException.For("to", $"结束日期 {Text(last)} 早于开始日期 {Text(first)}，请重新选择日期范围。");
        if (first > time.Today)
            throw ValidationFailedException.For("from", $"开始日期 {Text(first)} 晚于今天（{Text(time.Today)}），还没有可报告的服务。");
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            throw ValidationFailedException.For("to", $"一份运维报告最多覆盖 {MaxDays} 天，请缩短日期范围或使用月度服务报告。");
        var title = first == last ? $"{first:yyyy年M月d日}" : $"{first:yyyy年M月d日}至{last:yyyy年M月d日}";
        return new ReportPeriod(first, last, time.DayStartUtc(first), time.DayStartUtc(last.AddDays(1)), title);
    }

    /// <summary>A calendar month that has begun.</summary>
    public static ReportPeriod Month(int year, int month, HallTime time)
    {
        if (year is < 2000 or > 9999 || month is < 1 or > 12)
            throw ValidationFailedException.For("month", "请选择有效的年份和月份。");
        var first = new DateOnly(year, month, 1);
        if (first > time.Today)
            throw ValidationFailedException.For("month", $"{first:yyyy年M月}尚未开始，不能生成月度服务报告。");
        var last = first.AddMonths(1).AddDays(-1);
        return new ReportPeriod(first, last, time.DayStartUtc(first), time.DayStartUtc(last.AddDays(1)), $"{first:yyyy年M月}");
    }

    /// <summary>A half year (1 = January–June, 2 = July–December) that has begun.</summary>
    public static ReportPeriod HalfYear(int year, int half, HallTime time)
    {
        if (year is < 2000 or > 9999 || half is not (1 or 2))
            throw ValidationFailedException.For("half", "请选择有效的年份和半年度（上半年或下半年）。");
        var first = new DateOnly(year, half == 1 ? 1 : 7, 1);
        var last = first.AddMonths(6).AddDays(-1);
        var title = $"{year}年{(half == 1 ? "上半年" : "下半年")}";
        if (first > time.Today)
            throw ValidationFailedException.For("half", $"{title}尚未开始，不能生成服务水平报告。");
        return new ReportPeriod(first, last, time.DayStartUtc(first), time.DayStartUtc(last.AddDays(1)), title);
    }

    /// <summary>"2026-03" → (2026, 3), with a clear message for anything else.</summary>
    public static (int Year, int Month) ParseMonth(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim() + "-01", DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return (day.Year, day.Month);
        throw ValidationFailedException.For("month", $"月份“{text}”无效，格式应为 yyyy-MM，如 2026-03。");
    }

    public static DateOnly? ParseDay(string? text, string field, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw ValidationFailedException.For(field, $"{name}“{text}”无效，格式应为 {DayFormat}。");
    }

    public static string Text(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);
}
