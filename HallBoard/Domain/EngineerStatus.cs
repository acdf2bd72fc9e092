namespace HallBoard.Domain;

/// <summary>What an engineer is doing right now, as the hall sees it on the wall.</summary>
public enum EngineerStatus { Available, Serving, Away, Break, OnLeave, Offline }

public static class EngineerStatuses
{
    public static string Label(this EngineerStatus status) => status switch
    {
        EngineerStatus.Available => "在岗",
        EngineerStatus.Serving => "服务中",
        EngineerStatus.Away => "暂离",
        EngineerStatus.Break => "休息",
        EngineerStatus.OnLeave => "请假",
        EngineerStatus.Offline => "离线",
        _ => status.ToString(),
    };

    /// <summary>On duty: in the hall and able to serve, now or as soon as the current taxpayer is done.</summary>
    public static bool IsOnDuty(this EngineerStatus status) => status is EngineerStatus.Available or EngineerStatus.Serving;

    /// <summary>Statuses an engineer taps on the tablet. Serving follows the tickets they take and resolve; leave
    /// follows an approved leave request.</summary>
    public static readonly EngineerStatus[] Tappable =
        [EngineerStatus.Available, EngineerStatus.Away, EngineerStatus.Break, EngineerStatus.Offline];
}

/// <summary>An engineer's current status (one row per engineer who ever had one; none means offline).</summary>
public sealed class EngineerState
{
    public int EngineerId { get; private set; }
    public int HallId { get; private set; }
    public EngineerStatus Status { get; private set; } = EngineerStatus.Offline;
    public DateTime SinceUtc { get; private set; }

    /// <summary>When the engineer's tablet was last known to be connected; the offline rule counts from here.</summary>
    public DateTime? LastSeenUtc { get; private set; }

    public int Version { get; private set; }

    private EngineerState() { }

    /// <summary>A first status row: offline since now, until the first change.</summary>
    public static EngineerState For(int engineerId, int hallId, DateTime nowUtc) => new()
    {
        EngineerId = engineerId,
        HallId = hallId,
        Status = EngineerStatus.Offline,
        SinceUtc = nowUtc,
    };

    /// <summary>Moves to <paramref name="to"/> and returns the record of the change, or null when nothing changes.</summary>
    public EngineerStatusChange? MoveTo(EngineerStatus to, Actor by, DateTime nowUtc, string? reason = null)
    {
        if (!Enum.IsDefined(to)) throw ValidationFailedException.For("status", "状态无效。");
        if (to == Status) return null;
        var change = new EngineerStatusChange
        {
            EngineerId = EngineerId,
            HallId = HallId,
            From = Status,
            To = to,
            AtUtc = nowUtc,
            ById = by.Id,
            ByName = by.Name,
            Reason = reason,
        };
        Status = to;
        SinceUtc = nowUtc;
        Version++;
        return change;
    }

    public void Seen(DateTime nowUtc)
    {
        if (LastSeenUtc is null || nowUtc > LastSeenUtc) LastSeenUtc = nowUtc;
    }

    /// <summary>Gone for <paramref name="after"/>: neither seen nor changed since. Leave and offline are kept as they are.</summary>
    public bool IsGone(DateTime nowUtc, TimeSpan after) =>
        Status is not (EngineerStatus.Offline or EngineerStatus.OnLeave)
        && Max(LastSeenUtc, SinceUtc) <= nowUtc - after;

    private static DateTime Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;
}

/// <summary>One status change, kept for attendance and absence rules: who, from, to, when, set by whom and why.</summary>
public sealed class EngineerStatusChange
{
    public long Id { get; set; }
    public int EngineerId { get; set; }
    public int HallId { get; set; }
    public EngineerStatus From { get; set; }
    public EngineerStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public required string ById { get; set; }
    public required string ByName { get; set; }
    public string? Reason { get; set; }
}
