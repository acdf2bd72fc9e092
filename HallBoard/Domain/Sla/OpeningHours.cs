using System.Globalization;

namespace HallBoard.Domain.Sla;

/// <summary>One stretch of a day the hall is open, in the hall's local time, e.g. 09:00–12:00.</summary>
public sealed record OpeningInterval
{
    public OpeningInterval(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
            throw ValidationFailedException.For("openingHours", $"营业时段 {start:HH\\:mm}–{end:HH\\:mm} 的结束时间必须晚于开始时间。");
        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }
    public TimeOnly End { get; }
    public TimeSpan Length => End - Start;

    /// <summary>From "HH:mm" texts, e.g. <c>Of("09:00", "12:00")</c>.</summary>
    public static OpeningInterval Of(string start, string end) => new(
        TimeOnly.ParseExact(start, "HH:mm", CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture));
}

/// <summary>
/// The hall's opening hours per weekday, and the hours of a make-up working day (调休上班日), which is a Saturday
/// or Sunday worked with normal weekday hours. A weekday without intervals is a closed day.
/// </summary>
public sealed class OpeningHours
{
    private readonly Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> _week;

    public OpeningHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week, IReadOnlyList<OpeningInterval> makeUpDay)
    {
        _week = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => Checked(week.TryGetValue(d, out var day) ? day : [], d));
        MakeUpDay = Checked(makeUpDay, null);
        if (_week.Values.All(day => day.Count == 0))
            throw ValidationFailedException.For("openingHours", "每周至少要有一天营业。");
    }

    /// <summary>Monday to Friday 09:00–12:00 and 13:30–17:30; make-up working days the same.</summary>
    public static OpeningHours Standard { get; } = Weekdays(OpeningInterval.Of("09:00", "12:00"), OpeningInterval.Of("13:30", "17:30"));

    /// <summary>The same intervals Monday to Friday and on make-up working days; closed at the weekend.</summary>
    public static OpeningHours Weekdays(params OpeningInterval[] day)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var d in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            week[d] = day;
        return new OpeningHours(week, day);
    }

    public IReadOnlyList<OpeningInterval> MakeUpDay { get; }

    public IReadOnlyList<OpeningInterval> On(DayOfWeek day) => _week[day];

    private static IReadOnlyList<OpeningInterval> Checked(IReadOnlyList<OpeningInterval> intervals, DayOfWeek? day)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Start < sorted[i - 1].End)
                throw ValidationFailedException.For("openingHours",
                    $"{(day is null ? "调休上班日" : DayName(day.Value))}的营业时段 {sorted[i - 1].Start:HH\\:mm}–{sorted[i - 1].End:HH\\:mm} 与 {sorted[i].Start:HH\\:mm}–{sorted[i].End:HH\\:mm} 重叠。");
        return sorted;
    }

    private static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };
}
