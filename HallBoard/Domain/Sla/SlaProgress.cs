namespace HallBoard.Domain.Sla;

public enum SlaState { Ok, Warning, Breached }

/// <summary>A stretch during which the SLA clock stands still (the ticket waits on the taxpayer).
/// An open pause (no end yet) lasts until the moment the clock is read.</summary>
public sealed record SlaPause(DateTime StartUtc, DateTime? EndUtc = null);

/// <summary>How much of a target has been used, in business time.</summary>
public sealed record SlaProgress(TimeSpan Used, TimeSpan Target)
{
    public const double WarningAt = 0.75;
    public const double BreachAt = 1.0;

    public double Fraction => Used / Target;

    public TimeSpan Remaining => Used >= Target ? TimeSpan.Zero : Target - Used;

    public SlaState State => Fraction >= BreachAt ? SlaState.Breached : Fraction >= WarningAt ? SlaState.Warning : SlaState.Ok;
}
