using HallBoard.Domain;
using HallBoard.Domain.Sla;

namespace HallBoard.Features.Staffing;

/// <summary>A staffing rule refused a move (approving twice, closing a closed case …).</summary>
public sealed class StaffingRuleException(string message) : HallBoardException(message);

/// <summary>When the hall is open, and deadlines counted in whole business days, both from the hall's SLA calendar.</summary>
public static class HallHours
{
    /// <summary>Open at this instant: inside an opening interval of an open day. Without a calendar the hall never closes.</summary>
    public static bool IsOpen(SlaClock clock, DateTime utc)
    {
        if (clock.Calendar is not { } calendar) return true;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.Zone);
        var time = TimeOnly.FromDateTime(local);
        return calendar.OpeningOn(DateOnly.FromDateTime(local)).Any(i => time >= i.Start && time < i.End);
    }

    /// <summary>The end (next local midnight) of the <paramref name="days"/>-th business day after the day of
    /// <paramref name="startUtc"/>: weekends and public holidays are skipped, make-up working days count.</summary>
    public static DateTime AfterBusinessDays(SlaClock clock, DateTime startUtc, int days)
    {
        if (clock.Calendar is not { } calendar) return startUtc.AddDays(days);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), clock.Zone);
        var day = DateOnly.FromDateTime(local);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (calendar.IsOpenDay(day)) counted++;
        }
        var end = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(end, clock.Zone);
    }
}
