using HallBoard.Domain;

namespace HallBoard.Live;

/// <summary>The events hub clients receive, one method per event name. Contract: docs/live-api.md.</summary>
public interface IHallClient
{
    Task TicketChanged(TicketChangedEvent change);
    Task EngineerStatusChanged(EngineerStatusEvent change);
    Task FiguresChanged(HallFiguresEvent figures);
    Task AlertRaised(HallAlertEvent alert);
    Task AlertCleared(HallAlertEvent alert);
}

/// <summary>What JoinHall answers: the hall whose events this connection now receives, and the number of the last
/// event sent to the hall before this answer (events numbered at or below it are already reflected in what a
/// client loads afterwards).</summary>
public sealed record HallJoined(string HallCode, string HallName, long Sequence);

/// <summary>A ticket was taken in or moved. <see cref="Taxpayer"/> is masked ("张**"); no ID or phone is ever sent.</summary>
public sealed record TicketChangedEvent(
    string HallCode,
    int TicketId,
    string Number,
    string Status,
    string StatusLabel,
    string? Category,
    string? CategoryLabel,
    string? Priority,
    string? PriorityLabel,
    string? Taxpayer,
    string? Engineer,
    DateTime? CreatedUtc,
    DateTime? ResponseDueUtc,
    DateTime? TakenUtc,
    DateTime AtUtc,
    long Sequence);

public sealed record EngineerStatusEvent(
    string HallCode, int EngineerId, string Engineer, string Status, string StatusLabel, DateTime SinceUtc, DateTime AtUtc, long Sequence);

public sealed record HallFiguresEvent(
    string HallCode,
    int Tickets,
    int Resolved,
    int Waiting,
    int InService,
    int EngineersOnDuty,
    int? AverageWaitSeconds,
    int? AverageHandlingSeconds,
    double? SatisfactionRate,
    double? OnlineGuidedShare,
    DateTime AtUtc,
    long Sequence);

public sealed record HallAlertEvent(
    string HallCode, string AlertId, string Kind, string Severity, string Message, string? TicketNumber, DateTime RaisedUtc, DateTime AtUtc, long Sequence);

/// <summary>Turns change notices into the events of the hub contract.</summary>
public static class HallEvents
{
    public static TicketChangedEvent? Ticket(HallChange c, string hallCode, DateTime atUtc)
    {
        if (c is not { TicketId: int id, TicketNumber: { } number, Status: { } status }) return null;
        var t = c.Ticket;
        return new TicketChangedEvent(hallCode, id, number, status,
            Enum.TryParse<TicketStatus>(status, out var s) ? Labels.Of(s) : status,
            t?.Category.ToString(), t is null ? null : Labels.Of(t.Category),
            t?.Priority.ToString(), t is null ? null : Labels.Of(t.Priority),
            Masking.Name(t?.Taxpayer), t?.Engineer, t?.CreatedUtc, t?.ResponseDueUtc, t?.TakenUtc, atUtc, c.Sequence);
    }

    public static EngineerStatusEvent? Engineer(HallChange c, string hallCode, DateTime atUtc) => c.Engineer is { } e
        ? new EngineerStatusEvent(hallCode, e.EngineerId, e.Name, e.Status, e.StatusLabel, e.SinceUtc, atUtc, c.Sequence)
        : null;

    public static HallFiguresEvent? Figures(HallChange c, string hallCode, DateTime atUtc) => c.Figures is { } f
        ? new HallFiguresEvent(hallCode, f.Tickets, f.Resolved, f.Waiting, f.InService, f.EngineersOnDuty,
            f.AverageWaitSeconds, f.AverageHandlingSeconds, f.SatisfactionRate, f.OnlineGuidedShare, atUtc, c.Sequence)
        : null;

    public static HallAlertEvent? Alert(HallChange c, string hallCode, DateTime atUtc) => c.Alert is { } a
        ? new HallAlertEvent(hallCode, a.AlertId, a.Kind, a.Severity, a.Message, a.TicketNumber, a.RaisedUtc, atUtc, c.Sequence)
        : null;
}
