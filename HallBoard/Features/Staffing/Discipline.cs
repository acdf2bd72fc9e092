using HallBoard.Domain;

namespace HallBoard.Features.Staffing;

/// <summary>A stretch off post during a rostered shift, found from the status history.</summary>
public sealed class AbsenceRecord
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public int EngineerId { get; set; }
    public int ShiftId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public DateTime FoundUtc { get; set; }
}

public enum RectificationOutcome { Open, Passed, Failed }

/// <summary>整改通知: the hall lead's notice to an engineer; failed (or followed by another absence) it opens a replacement.</summary>
public sealed class Rectification
{
    public const int MaxText = 500;

    public int Id { get; set; }
    public int HallId { get; set; }
    public int EngineerId { get; set; }
    public int? AbsenceId { get; set; }
    public required string Reason { get; set; }
    public DateTime IssuedUtc { get; set; }
    public required string IssuedByName { get; set; }
    public RectificationOutcome Outcome { get; set; }
    public DateTime? ConcludedUtc { get; set; }
    public string? ConcludedByName { get; set; }
}

/// <summary>更换: the company must put another engineer in place within five business days of the request.</summary>
public sealed class ReplacementCase
{
    public const int Days = 5;

    public int Id { get; set; }
    public int HallId { get; set; }
    public int EngineerId { get; set; }
    public required string Reason { get; set; }
    public DateTime OpenedUtc { get; set; }
    public DateTime DueUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }
    public string? ClosedByName { get; set; }
    public string? ClosingNote { get; set; }

    public bool IsOverdue(DateTime nowUtc) => ClosedUtc is null && nowUtc >= DueUtc;
}

/// <summary>Misconduct the requirements treat as a major fault or accident.</summary>
public enum FaultKind { Quarrel, Bribery, DataTrading, Leak }

/// <summary>A major fault registered on a person.</summary>
public sealed class MajorFault
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public int EngineerId { get; set; }
    public FaultKind Kind { get; set; }
    public required string Detail { get; set; }
    public DateTime AtUtc { get; set; }
    public required string ByName { get; set; }
}

/// <summary>调动: moving an engineer needs the bureau's consent beforehand; this records who agreed and when.
/// The move of the account itself is a hall change through a permission grant.</summary>
public sealed class TransferRecord
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public int EngineerId { get; set; }
    public required string Destination { get; set; }
    public required string ConsentByName { get; set; }
    public DateTime ConsentUtc { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedUtc { get; set; }
    public required string RecordedByName { get; set; }
}
