using System.Globalization;

namespace HallBoard.Domain.Validation;

/// <summary>
/// The days a filter (dashboard, export, handbook, audit, analysis) may ask for. A day outside
/// <see cref="Earliest"/>–<see cref="Latest"/> is refused before any date arithmetic: the day after
/// DateOnly.MaxValue does not exist, and local midnight of DateOnly.MinValue has no UTC instant.
/// </summary>
public static class DayRange
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>Dashboard and analysis: a year, so every figure stays a bounded scan.</summary>
    public const int DashboardMaxDays = 366;

    /// <summary>Raw export: three years (with a leap day), the longest period the bureau asks for at once.</summary>
    public const int ExportMaxDays = 3 * 365 + 1;

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Why a single day cannot be used, or null.</summary>
    public static string? DayProblem(DateOnly day, string name) =>
        day < Earliest || day > Latest ? $"{name} {Text(day)} 超出可选范围（{Text(Earliest)} 至 {Text(Latest)}）。" : null;

    /// <summary>Both days usable, in order, and at most <paramref name="maxDays"/> days (both included);
    /// otherwise a <see cref="ValidationFailedException"/> on the named field.</summary>
    public static void Check(DateOnly from, DateOnly to, int maxDays, string fromField = "from", string toField = "to")
    {
        if (DayProblem(from, "开始日期") is { } early) throw ValidationFailedException.For(fromField, early);
        if (DayProblem(to, "结束日期") is { } late) throw ValidationFailedException.For(toField, late);
        if (to < from)
            throw ValidationFailedException.For(toField, $"结束日期 {Text(to)} 早于开始日期 {Text(from)}，请重新选择日期范围。");
        if (to.DayNumber - from.DayNumber + 1 > maxDays)
            throw ValidationFailedException.For(toField, $"日期范围最长 {maxDays} 天，请缩小范围。");
    }
}
