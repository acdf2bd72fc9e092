using System.Globalization;
using System.Text.RegularExpressions;
using HallBoard.Domain;
using HallBoard.Domain.Sla;

namespace HallBoard.Features.Sla;

/// <summary>Opening hours as an admin types them: "09:00-12:00 13:30-17:30" (also with "，", "、", "~", "至"); empty is closed.</summary>
public static partial class OpeningHoursText
{
    public static IReadOnlyList<OpeningInterval> Parse(string? text, string dayLabel)
    {
        var intervals = new List<OpeningInterval>();
        foreach (var part in Separators().Split(Dashes().Replace(text ?? "", "-").Trim()).Where(p => p.Length > 0))
        {
            var m = Interval().Match(part);
            if (!m.Success || !TryTime(m.Groups[1].Value, out var start) || !TryTime(m.Groups[2].Value, out var end))
                throw ValidationFailedException.For("openingHours",
                    $"{dayLabel}的营业时间“{text!.Trim()}”无法识别，请按 09:00-12:00 13:30-17:30 的格式填写，休息日留空。");
            try
            {
                intervals.Add(new OpeningInterval(start, end));
            }
            catch (ValidationFailedException invalid)
            {
                throw ValidationFailedException.For("openingHours", $"{dayLabel}：{invalid.Message}");
            }
        }
        return intervals;
    }

    public static string Format(IEnumerable<OpeningInterval> intervals) =>
        string.Join(" ", intervals.Select(i => $"{i.Start:HH\\:mm}-{i.End:HH\\:mm}"));

    public static string Label(OpeningDay day) => day switch
    {
        OpeningDay.Monday => "周一",
        OpeningDay.Tuesday => "周二",
        OpeningDay.Wednesday => "周三",
        OpeningDay.Thursday => "周四",
        OpeningDay.Friday => "周五",
        OpeningDay.Saturday => "周六",
        OpeningDay.Sunday => "周日",
        _ => "调休上班日",
    };

    public static DayOfWeek? WeekdayOf(OpeningDay day) => day switch
    {
        OpeningDay.Monday => DayOfWeek.Monday,
        OpeningDay.Tuesday => DayOfWeek.Tuesday,
        OpeningDay.Wednesday => DayOfWeek.Wednesday,
        OpeningDay.Thursday => DayOfWeek.Thursday,
        OpeningDay.Friday => DayOfWeek.Friday,
        OpeningDay.Saturday => DayOfWeek.Saturday,
        OpeningDay.Sunday => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>Builds the week from day texts; a day missing from <paramref name="days"/> is closed.</summary>
    public static OpeningHours Build(IReadOnlyDictionary<OpeningDay, string> days)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        IReadOnlyList<OpeningInterval> makeUp = [];
        foreach (var day in Enum.GetValues<OpeningDay>())
        {
            var intervals = Parse(days.GetValueOrDefault(day), Label(day));
            if (WeekdayOf(day) is DayOfWeek weekday) week[weekday] = intervals;
            else makeUp = intervals;
        }
        return new OpeningHours(week, makeUp);
    }

    /// <summary>The day texts of a week, for the form.</summary>
    public static Dictionary<OpeningDay, string> Texts(OpeningHours hours) => Enum.GetValues<OpeningDay>().ToDictionary(
        d => d, d => Format(WeekdayOf(d) is DayOfWeek w ? hours.On(w) : hours.MakeUpDay));

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Replace('：', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [GeneratedRegex(@"[\s,，、;；]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s*[-–—~～至到]\s*")]
    private static partial Regex Dashes();

    [GeneratedRegex(@"^(\d{1,2}[:：]\d{2})-(\d{1,2}[:：]\d{2})$")]
    private static partial Regex Interval();
}
