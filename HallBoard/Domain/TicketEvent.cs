namespace HallBoard.Domain;

/// <summary>One step on a ticket's timeline (痕迹化管理).</summary>
public sealed class TicketEvent
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public DateTime AtUtc { get; set; }
    public TicketEventKind Kind { get; set; }
    public TicketStatus? FromStatus { get; set; }
    public TicketStatus ToStatus { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Note { get; set; }
}

public sealed class Satisfaction
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public SatisfactionLevel Level { get; set; }
    public string? Comment { get; set; }
    public RatingSource Source { get; set; }
    public DateTime AtUtc { get; set; }
}

/// <summary>Every rating a ticket ever received, with its time. A reopen clears the ticket's current
/// <see cref="Satisfaction"/> but never a row here, so a rating stays in the figures of its day.</summary>
public sealed class TicketRating
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public SatisfactionLevel Level { get; set; }
    public string? Comment { get; set; }
    public RatingSource Source { get; set; }
    public DateTime AtUtc { get; set; }
}
