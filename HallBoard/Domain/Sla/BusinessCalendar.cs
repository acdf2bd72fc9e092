using System.Diagnostics;

namespace HallBoard.Domain.Sla;

/// <summary>
/// The hall's business time and the SLA clock that runs on it: the opening hours on ordinary days, nothing on public
/// holidays, weekday hours on make-up working days (调休). Times go in and come out in UTC; the calendar itself is in
/// the hall's local time, given by the zone.
/// </summary>
public sealed class BusinessCalendar(OpeningHours hours, HolidayCalendar holidays)
{
    /// <summary>Past this many closed days in a row the calendar data must be wrong; searching further would never end.</summary>
    private const int MaxClosedDaysInARow = 366;

    public OpeningHours Hours => hours;
    public HolidayCalendar Holidays => holidays;

    /// <summary>The local opening intervals of one day; empty when the hall is closed.</summary>
    public IReadOnlyList<OpeningInterval> OpeningOn(DateOnly day) =>
        holidays.IsHoliday(day) ? []
        : holidays.IsMakeUpWorkday(day) ? hours.MakeUpDay
        : hours.On(day.DayOfWeek);

    public bool IsOpenDay(DateOnly day) => OpeningOn(day).Count > 0;

    /// <summary>The moment <paramref name="duration"/> of business time has passed after <paramref name="startUtc"/>:
    /// a target that ends exactly at closing is due at closing, not at the next opening.</summary>
    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration, TimeZoneInfo zone)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), "时长不能为负数。");
        var start = AsUtc(startUtc);
        if (duration == TimeSpan.Zero) return start;
        var remaining = duration;
        foreach (var (from, to) in OpenWindowsUtc(start, null, zone))
        {
            if (remaining <= to - from) return from + remaining;
            remaining -= to - from;
        }
        throw new UnreachableException();
    }

    /// <summary>Business time from start to end, leaving out every paused stretch; overlapping pauses count once.</summary>
    public TimeSpan BusinessTimeBetween(DateTime startUtc, DateTime endUtc, IEnumerable<SlaPause> pauses, TimeZoneInfo zone)
    {
        var start = AsUtc(startUtc);
        var end = AsUtc(endUtc);
        if (end <= start) return TimeSpan.Zero;
        var paused = Merged(pauses, start, end);
        var total = TimeSpan.Zero;
        foreach (var (from, to) in OpenWindowsUtc(start, end, zone))
        {
            total += to - from;
            foreach (var (pauseStart, pauseEnd) in paused)
                if (pauseStart < to && pauseEnd > from)
                    total -= Min(to, pauseEnd) - Max(from, pauseStart);
        }
        return total;
    }

    /// <summary>How much of <paramref name="target"/> is used at <paramref name="nowUtc"/>: warning from 75 %, breached from 100 %.</summary>
    public SlaProgress Progress(DateTime startUtc, TimeSpan target, DateTime nowUtc, IEnumerable<SlaPause> pauses, TimeZoneInfo zone)
    {
        if (target <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(target), "SLA 时限必须大于零。");
        return new SlaProgress(BusinessTimeBetween(startUtc, nowUtc, pauses, zone), target);
    }

    /// <summary>The open stretches from <paramref name="fromUtc"/> on, clipped to [from, until), in order.</summary>
    private IEnumerable<(DateTime From, DateTime To)> OpenWindowsUtc(DateTime fromUtc, DateTime? untilUtc, TimeZoneInfo zone)
    {
        var lastDay = untilUtc is { } until ? LocalDay(until, zone) : DateOnly.MaxValue;
        var closedInARow = 0;
        for (var day = LocalDay(fromUtc, zone); day <= lastDay; day = day.AddDays(1))
        {
            var opening = OpeningOn(day);
            closedInARow = opening.Count == 0 ? closedInARow + 1 : 0;
            if (closedInARow > MaxClosedDaysInARow)
                throw new InvalidOperationException("营业日历连续一年以上没有营业时间，请检查营业时间和节假日设置。");
            foreach (var interval in opening)
            {
                var open = ToUtc(day, interval.Start, zone);
                var close = ToUtc(day, interval.End, zone);
                if (close <= fromUtc) continue;
                if (open >= untilUtc) yield break;
                yield return (Max(open, fromUtc), untilUtc is { } u ? Min(close, u) : close);
            }
        }
    }

    private static List<(DateTime Start, DateTime End)> Merged(IEnumerable<SlaPause> pauses, DateTime fromUtc, DateTime untilUtc)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        var clipped = pauses
            .Select(p =>
            {
                var start = AsUtc(p.StartUtc);
                var end = p.EndUtc is { } e ? AsUtc(e) : untilUtc;
                if (end < start) throw new ArgumentException($"暂停的结束时间早于开始时间（{start:u} – {end:u}）。", nameof(pauses));
                return (Start: Max(start, fromUtc), End: Min(end, untilUtc));
            })
            .Where(p => p.End > p.Start)
            .OrderBy(p => p.Start);
        foreach (var pause in clipped)
        {
            if (merged.Count > 0 && pause.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Max(merged[^1].End, pause.End));
            else
                merged.Add(pause);
        }
        return merged;
    }

    private static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    private static DateTime ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        // China keeps no daylight saving; in a zone that does, an opening time skipped by the jump opens when the jump ends.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
