using HallBoard.Domain;

namespace HallBoard.Features.Dashboard;

/// <summary>Everything the dashboard shows for one hall and period. Days and hours are the hall's local time; every
/// figure is about the tickets logged in the period.</summary>
public sealed record DashboardFigures(
    int HallId,
    DashboardPeriod Period,
    DateTime AtUtc,
    int Tickets,
    IReadOnlyList<DayCount> PerDay,
    IReadOnlyList<int> PerHour,
    IReadOnlyList<Share<Channel>> ByChannel,
    IReadOnlyList<Share<Category>> ByCategory,
    IReadOnlyList<Share<TicketKind>> ByKind,
    SlaFigures Sla,
    SatisfactionFigures Satisfaction,
    CallBackFigures CallBack,
    GuidanceFigures Guidance,
    IReadOnlyList<EngineerFigures> Engineers);

public sealed record DayCount(DateOnly Day, int Count);

public sealed record Share<T>(T Value, int Count) where T : struct, Enum;

/// <summary>Met / measured; null when nothing could be measured.</summary>
public readonly record struct Rate(int Met, int Measured)
{
    public double? Value => Measured == 0 ? null : (double)Met / Measured;

    public string Percent => Value is { } v ? v.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture) : "—";
}

/// <summary>Response is measured on tickets taken, or still waiting past their response time; resolve on tickets
/// resolved, or still open past their resolve time. A ticket met a target when it was taken (resolved) by its due time.</summary>
public sealed record SlaFigures(Rate Response, Rate Resolve);

public sealed record SatisfactionFigures(IReadOnlyList<LevelCount> Levels, IReadOnlyList<SatisfactionDay> Trend)
{
    public int Rated => Levels.Sum(l => l.Count);

    /// <summary>满意 or better, of all ratings.</summary>
    public Rate Satisfied => new(Levels.Where(l => l.Level >= SatisfactionLevel.Satisfied).Sum(l => l.Count), Rated);
}

public sealed record LevelCount(SatisfactionLevel Level, int Count);

/// <summary>One local day's ratings: how many, how many 满意 or better, and the average score (1–5).</summary>
public sealed record SatisfactionDay(DateOnly Day, int Rated, int Satisfied, double? Average)
{
    public Rate Rate => new(Satisfied, Rated);
}

/// <summary>回访: of the resolved tickets, called back (reached, or reached and not satisfied), closed because the
/// taxpayer could not be reached or declined, and still to call.</summary>
public sealed record CallBackFigures(int Resolved, int CalledBack, int ClosedUnreachable, int ClosedDeclined, int Pending)
{
    public Rate Completion => new(CalledBack, Resolved);
}

/// <summary>网上办税引导: tickets where the taxpayer was guided to an online channel, and whether it worked.</summary>
public sealed record GuidanceFigures(int Guided, int Succeeded, int Failed, int Unknown)
{
    public Rate Success => new(Succeeded, Succeeded + Failed);
}

public sealed record EngineerFigures(int EngineerId, string Name, int Taken, int Resolved, Rate Response, Rate Resolve);
