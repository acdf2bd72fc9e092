using System.Globalization;
using HallBoard.Domain;
using HallBoard.Domain.Validation;

namespace HallBoard.Features.Dashboard;

public enum PeriodKind { Day, Week, Month, HalfYear, Custom }

/// <summary>The local days a dashboard covers, both included: the tickets logged in the hall in those days.</summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A custom range is at most a year, so every figure stays a bounded scan of the index.</summary>
    public const int MaxDays = DayRange.DashboardMaxDays;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static string Label(PeriodKind kind) => kind switch
    {
        PeriodKind.Day => "今日",
        PeriodKind.Week => "本周",
        PeriodKind.Month => "本月",
        PeriodKind.HalfYear => "本半年",
        _ => "自定义",
    };

    /// <summary>The current day, week (from Monday), month or half-year (January–June, July–December), up to today.</summary>
    public static DashboardPeriod Current(PeriodKind kind, DateOnly today) => kind switch
    {
        PeriodKind.Day => new(today, today),
        PeriodKind.Week => new(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), today),
        PeriodKind.Month => new(new DateOnly(today.Year, today.Month, 1), today),
        PeriodKind.HalfYear => new(new DateOnly(today.Year, today.Month <= 6 ? 1 : 7, 1), today),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), "A custom period needs its dates."),
    };

    /// <summary>A range the user picked; an empty, reversed or too long one is refused with a clear message.</summary>
    public static DashboardPeriod Custom(DateOnly? from, DateOnly? to)
    {
        if (from is null || to is null)
            throw ValidationFailedException.For("period", "请选择开始日期和结束日期。");
        DayRange.Check(from.Value, to.Value, MaxDays, "period", "period");
        return new DashboardPeriod(from.Value, to.Value);
    }

    /// <summary>The period from a link's query (yyyy-MM-dd), validated as <see cref="Custom"/>.</summary>
    public static DashboardPeriod FromQuery(string? from, string? to)
    {
        static DateOnly? Parse(string? s) =>
            DateOnly.TryParseExact(s?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return Custom(Parse(from), Parse(to));
    }

    public static string Text(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public override string ToString() => From == To ? Text(From) : $"{Text(From)} 至 {Text(To)}";
}
