namespace HallBoard.Benchmarks.Data;

/// <summary>One generated ticket, column by column as the app's schema stores it (enums by name, times in UTC).</summary>
public sealed record TicketRow(
    int Id, int HallId, string Number, DateTime CreatedUtc, string Status, string Channel, string Category, string Kind,
    string Priority, string TaxpayerName, string? TaxpayerId, string Description, int? AssigneeId, DateTime ResponseDueUtc,
    DateTime ResolveDueUtc, DateTime? TakenUtc, DateTime? ResolvedUtc, string? Resolution, string? LastFollowUp,
    DateTime? FollowedUpUtc, int FollowUpAttempts, DateTime? ClosedUtc, string? CloseReason, string? CloseNote, int Version,
    bool GuidedOnline, bool? GuidanceSucceeded);

/// <summary>The Tickets columns every sink writes, in the order it writes them.</summary>
public static class TicketColumns
{
    public static readonly string[] Names =
    [
        "Id", "HallId", "Number", "CreatedUtc", "Status", "Channel", "Category", "Kind", "Priority", "TaxpayerName", "TaxpayerId",
        "Description", "AssigneeId", "ResponseDueUtc", "ResolveDueUtc", "TakenUtc", "ResolvedUtc", "Resolution", "LastFollowUp",
        "FollowedUpUtc", "FollowUpAttempts", "ClosedUtc", "CloseReason", "CloseNote", "ReopenCount", "Version", "CreatedById",
        "GuidedOnline", "GuidanceSucceeded",
    ];

    /// <summary>The names quoted and comma-separated, for an INSERT or a COPY.</summary>
    public static string Quoted => string.Join(", ", Names.Select(c => $"\"{c}\""));
}

/// <summary>A ticket's rating, kept both as its current satisfaction and in its rating history, as the app does.</summary>
public sealed record RatingRow(int TicketId, string Level, string Source, DateTime AtUtc);

/// <summary>Where generated halls, engineers and tickets go: a SQLite file or a PostgreSQL database.</summary>
public interface ITicketSink : IAsyncDisposable
{
    /// <summary>Halls 1..n (codes from <paramref name="code"/>) with <paramref name="engineersPerHall"/> engineers each,
    /// engineer ids (hall - 1) * engineersPerHall + 1 …</summary>
    Task AddHallsAsync(int halls, Func<int, string> code, Func<int, string> name, int engineersPerHall);

    Task AddAsync(TicketRow ticket, RatingRow? rating);

    /// <summary>Commits everything and refreshes the planner's statistics.</summary>
    Task CompleteAsync();
}
