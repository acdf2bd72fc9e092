using HallBoard.Domain;

namespace HallBoard.Live;

public enum HallChangeKind { TicketChanged, EngineerStatusChanged, FiguresChanged, AlertRaised, AlertCleared, LeadNotice, KeyRevoked }

/// <summary>
/// A notice that something in a hall changed. It travels between app instances as JSON, so it holds
/// only what a public screen may show: never an unmasked taxpayer name, ID or phone.
/// Build the non-ticket kinds with the factory methods below.
/// </summary>
public sealed record HallChange(
    HallChangeKind Kind,
    int HallId,
    int? TicketId = null,
    string? TicketNumber = null,
    string? Status = null,
    long Sequence = 0,
    TicketFacts? Ticket = null,
    EngineerFacts? Engineer = null,
    HallFigures? Figures = null,
    HallAlert? Alert = null,
    DateTime? AtUtc = null,
    LeadNotice? Notice = null,
    int? ApiKeyId = null)
{
    /// <summary>An API key was revoked: every instance closes that key's hub connections. Belongs to no hall.</summary>
    public static HallChange KeyRevoked(int apiKeyId) => new(HallChangeKind.KeyRevoked, 0, ApiKeyId: apiKeyId);

    public static HallChange EngineerStatusChanged(int hallId, EngineerFacts engineer) =>
        new(HallChangeKind.EngineerStatusChanged, hallId, Engineer: engineer);

    public static HallChange FiguresChanged(int hallId, HallFigures figures) =>
        new(HallChangeKind.FiguresChanged, hallId, Figures: figures);

    public static HallChange AlertRaised(int hallId, HallAlert alert) =>
        new(HallChangeKind.AlertRaised, hallId, TicketNumber: alert.TicketNumber, Alert: alert);

    public static HallChange AlertCleared(int hallId, HallAlert alert) =>
        new(HallChangeKind.AlertCleared, hallId, TicketNumber: alert.TicketNumber, Alert: alert);

    /// <summary>For the hall lead's screens only (a complaint, a bad rating); never sent to hub clients or walls.</summary>
    public static HallChange ForLead(int hallId, LeadNotice notice) =>
        new(HallChangeKind.LeadNotice, hallId, notice.TicketId, notice.TicketNumber, Notice: notice);

    /// <summary>For one engineer's own screens (the on-call page); like a lead notice, never sent to hub clients or walls.</summary>
    public static HallChange ForEngineer(int hallId, int engineerId, LeadNotice notice) =>
        new(HallChangeKind.LeadNotice, hallId, notice.TicketId, notice.TicketNumber, Notice: notice with { EngineerId = engineerId });
}

/// <summary>What a screen shows about a ticket. The taxpayer is masked on construction ("张三丰" → "张**"),
/// and the property has no setter, so no code path can put an unmasked name here.</summary>
public sealed record TicketFacts(
    Category Category,
    Priority Priority,
    string? Taxpayer,
    string? Engineer,
    DateTime CreatedUtc,
    DateTime ResponseDueUtc,
    DateTime? TakenUtc)
{
    public string? Taxpayer { get; } = Masking.Name(Taxpayer);
}

/// <summary>An engineer's status as the tablets set it. <paramref name="Status"/> is the code (e.g. "Available"),
/// <paramref name="StatusLabel"/> the Chinese word (在岗), <paramref name="SinceUtc"/> when it began.</summary>
public sealed record EngineerFacts(int EngineerId, string Name, string Status, string StatusLabel, DateTime SinceUtc);

/// <summary>Today's figures of a hall (local day). Rates are 0–1; null where nothing has been measured yet.</summary>
public sealed record HallFigures(
    int Tickets,
    int Resolved,
    int Waiting,
    int InService,
    int EngineersOnDuty,
    int? AverageWaitSeconds,
    int? AverageHandlingSeconds,
    double? SatisfactionRate,
    double? OnlineGuidedShare);

/// <summary>An alert on a hall. <paramref name="AlertId"/> is stable for one condition (e.g. "sla:GX-20261127-0007")
/// so the clearing notice matches the raising one. <paramref name="Message"/> is shown as is: no taxpayer data in it.</summary>
public sealed record HallAlert(string AlertId, string Kind, string Severity, string Message, string? TicketNumber, DateTime RaisedUtc);

/// <summary>Something the hall lead must see at once. <paramref name="Message"/> carries no taxpayer data;
/// <paramref name="Link"/> is the page to open (the feedback, or the ticket). With <paramref name="EngineerId"/> set it is
/// that engineer's personal notice, and the lead's screens ignore it.</summary>
public sealed record LeadNotice(string Kind, string Message, string Link, int? TicketId = null, string? TicketNumber = null,
    int? EngineerId = null);
