using HallBoard.Domain;

namespace HallBoard.Features.Staffing;

/// <summary>One engineer on site for one shift (早班, 晚班 …) of one local day. Times are kept in UTC for the rules
/// and as typed (local day, start, end) for the page.</summary>
public sealed class RosterShift
{
    public const int MaxLabel = 10;

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public int EngineerId { get; private set; }
    public DateOnly Day { get; private set; }
    public string Label { get; private set; } = "";
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }

    private RosterShift() { }

    public static RosterShift Plan(int hallId, int engineerId, DateOnly day, string? label, TimeOnly start, TimeOnly end, TimeZoneInfo zone)
    {
        var name = FreeText.Required(label, "label", "班次名称", MaxLabel);
        if (end <= start)
            throw ValidationFailedException.For("end", "下班时间须晚于上班时间。");
        return new RosterShift
        {
            HallId = hallId,
            EngineerId = engineerId,
            Day = day,
            Label = name,
            Start = start,
            End = end,
            StartUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(start), zone),
            EndUtc = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(end), zone),
        };
    }

    public bool Overlaps(DateTime startUtc, DateTime endUtc) => StartUtc < endUtc && startUtc < EndUtc;

    public override string ToString() => $"{Day:yyyy-MM-dd} {Label} {Start:HH\\:mm}-{End:HH\\:mm}";
}

/// <summary>Who answers the 7×24 phone for a hall from one moment to another (outside opening hours above all).
/// One engineer at a time per hall.</summary>
public sealed class OnCallSlot
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public int EngineerId { get; private set; }
    public DateTime FromUtc { get; private set; }
    public DateTime ToUtc { get; private set; }

    private OnCallSlot() { }

    public static OnCallSlot Plan(int hallId, int engineerId, DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc)
            throw ValidationFailedException.For("to", "值班结束时间须晚于开始时间。");
        if (toUtc - fromUtc > Longest)
            throw ValidationFailedException.For("to", "一次值班最长 7 天，请分段安排。");
        return new OnCallSlot { HallId = hallId, EngineerId = engineerId, FromUtc = fromUtc, ToUtc = toUtc };
    }

    public bool Covers(DateTime utc) => FromUtc <= utc && utc < ToUtc;
}
