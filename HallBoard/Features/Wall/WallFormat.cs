using HallBoard.Domain.Sla;

namespace HallBoard.Features.Wall;

public enum Urgency { Fine, Near, Late }

/// <summary>How the wall writes times and numbers, and colours a wait.</summary>
public static class WallFormat
{
    /// <summary>The day's sequence of a ticket number ("GX-20261127-0007" → "0007"): what is read out in the hall.</summary>
    public static string Short(string number) => number[(number.LastIndexOf('-') + 1)..];

    /// <summary>"刚刚", "12分", "1时05分".</summary>
    public static string Elapsed(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "刚刚",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}分",
        _ => $"{(int)span.TotalHours}时{span.Minutes:00}分",
    };

    /// <summary>Amber once <paramref name="nearShare"/> of the time from start to the target is used up, red once it is passed.</summary>
    public static Urgency Of(DateTime startUtc, DateTime dueUtc, DateTime nowUtc, double nearShare)
    {
        if (nowUtc > dueUtc) return Urgency.Late;
        var allowed = (dueUtc - startUtc).TotalSeconds;
        return allowed <= 0 || (nowUtc - startUtc).TotalSeconds >= nearShare * allowed ? Urgency.Near : Urgency.Fine;
    }

    /// <summary>The same on the hall's business clock: the night, the weekend and holidays use up nothing, and a
    /// ticket waiting on the taxpayer is fine whatever its due time.</summary>
    public static Urgency Of(DateTime startUtc, DateTime dueUtc, DateTime nowUtc, double nearShare, SlaClock clock, DateTime? pausedSinceUtc = null)
    {
        if (pausedSinceUtc is not null) return Urgency.Fine;
        if (nowUtc > dueUtc) return Urgency.Late;
        var allowed = clock.Between(startUtc, dueUtc);
        var left = clock.Between(nowUtc, dueUtc);
        return allowed <= TimeSpan.Zero || allowed - left >= nearShare * allowed ? Urgency.Near : Urgency.Fine;
    }

    public static string CssOf(Urgency urgency) => urgency switch
    {
        Urgency.Late => "wall-late",
        Urgency.Near => "wall-near",
        _ => "wall-fine",
    };

    /// <summary>An average duration split into value and unit: (45, "秒") or (4.2, "分钟"); null is "—".</summary>
    public static (string Value, string Unit) Duration(int? seconds) => seconds switch
    {
        null => ("—", ""),
        < 60 => (seconds.Value.ToString(), "秒"),
        _ => ((seconds.Value / 60.0).ToString("0.0"), "分钟"),
    };

    public static string Percent(double? share) => share is { } s ? $"{Math.Round(s * 100):0}%" : "—";
}

/// <summary>One page of a list that pages through by itself.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Number, int Count)
{
    public static ListPage<T> Of(IReadOnlyList<T> all, int rowsPerPage, int turn)
    {
        var size = Math.Max(1, rowsPerPage);
        var count = Math.Max(1, (all.Count + size - 1) / size);
        var index = ((turn % count) + count) % count;
        return new ListPage<T>(all.Skip(index * size).Take(size).ToList(), index + 1, count);
    }
}
