using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Live;

namespace HallBoard.Features.Wall;

/// <summary>A ticket as the wall shows it. The taxpayer is masked on construction ("张三丰" → "张**") and the
/// property has no setter, so no wall component can be handed an unmasked name. No ID or phone is carried.</summary>
public sealed record WallTicket(
    int Id,
    string Number,
    TicketStatus Status,
    Category Category,
    Priority Priority,
    string? Taxpayer,
    string? Engineer,
    DateTime CreatedUtc,
    DateTime ResponseDueUtc,
    DateTime? TakenUtc,
    DateTime ResolveDueUtc)
{
    public string? Taxpayer { get; } = Masking.Name(Taxpayer);

    /// <summary>Set while the ticket waits on the taxpayer: its clock stands still, it is neither near nor past its target.</summary>
    public DateTime? PausedSinceUtc { get; init; }
}

public sealed record WallEngineer(int Id, string Name, EngineerStatus Status, DateTime? SinceUtc);

/// <summary>What is going on in a hall right now: what alerts are judged on.</summary>
public sealed record HallSituation(
    HallEntry Hall,
    DateTime NowUtc,
    IReadOnlyList<WallTicket> Waiting,
    IReadOnlyList<WallTicket> InService,
    IReadOnlyList<WallEngineer> Engineers)
{
    public int EngineersOnDuty => Engineers.Count(e => e.Status.IsOnDuty());

    /// <summary>The hall's business clock, on which targets are measured.</summary>
    public SlaClock Clock { get; init; } = SlaClock.AroundTheClock;
}

/// <summary>Everything one wall screen shows, read at <see cref="AtUtc"/>.</summary>
public sealed record WallSnapshot(HallSituation Situation, HallFigures Figures, IReadOnlyList<HallAlert> Alerts)
{
    public HallEntry Hall => Situation.Hall;
    public DateTime AtUtc => Situation.NowUtc;
}
