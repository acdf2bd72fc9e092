using System.Globalization;
using HallBoard.Domain;

namespace HallBoard.Features.Dashboard;

/// <summary>What the rollup knows of one ticket: the columns its facts come from.</summary>
public readonly record struct TicketState(
    int HallId, DateTime CreatedUtc, Channel Channel, Category Category, TicketKind Kind, bool GuidedOnline, bool? GuidanceSucceeded,
    int? AssigneeId, DateTime? TakenUtc, DateTime ResponseDueUtc, DateTime? ResolvedUtc, DateTime ResolveDueUtc,
    DateTime? FollowedUpUtc, CloseReason? CloseReason);

/// <summary>The facts a ticket contributes to its logging day in the rollup; the one definition both the live upkeep
/// and the rebuild use. Facts that depend on the moment of reading (overdue and still open) are not here.</summary>
public static class RollupFacts
{
    public const string Tickets = "tickets", Hour = "hour", Channel = "channel", Category = "category", Kind = "kind",
        Guidance = "guidance", Response = "response", Resolve = "resolve", CallBack = "callback", Level = "level",
        EngineerTaken = "eng.taken", EngineerResponseMet = "eng.responseMet", EngineerResolved = "eng.resolved", EngineerResolveMet = "eng.resolveMet";

    public const string Taken = "taken", Met = "met", Resolved = "resolved", Succeeded = "succeeded", Failed = "failed", Unknown = "unknown",
        CalledBack = "calledBack", Unreachable = "unreachable", Declined = "declined", Pending = "pending";

    public static (DateOnly Day, int Hour) LocalDay(DateTime createdUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc), zone);
        return (DateOnly.FromDateTime(local), local.Hour);
    }

    public static IEnumerable<(string Metric, string Key)> Of(TicketState t, int localHour)
    {
        yield return (Tickets, "");
        yield return (Hour, localHour.ToString("00", CultureInfo.InvariantCulture));
        yield return (Channel, t.Channel.ToString());
        yield return (Category, t.Category.ToString());
        yield return (Kind, t.Kind.ToString());
        if (t.GuidedOnline)
            yield return (Guidance, t.GuidanceSucceeded switch { true => Succeeded, false => Failed, null => Unknown });
        var responseMet = t.TakenUtc is { } taken && taken <= t.ResponseDueUtc;
        var resolveMet = t.ResolvedUtc is { } resolved && resolved <= t.ResolveDueUtc;
        if (t.TakenUtc is not null) yield return (Response, Taken);
        if (responseMet) yield return (Response, Met);
        if (t.ResolvedUtc is not null)
        {
            yield return (Resolve, Resolved);
            if (resolveMet) yield return (Resolve, Met);
            if (t.FollowedUpUtc is not null) yield return (CallBack, CalledBack);
            else if (t.CloseReason is null) yield return (CallBack, Pending);
        }
        if (t.CloseReason == Domain.CloseReason.Unreachable) yield return (CallBack, Unreachable);
        if (t.CloseReason == Domain.CloseReason.Declined && t.FollowedUpUtc is null) yield return (CallBack, Declined);
        if (t.AssigneeId is int engineer)
        {
            var id = engineer.ToString(CultureInfo.InvariantCulture);
            yield return (EngineerTaken, id);
            if (responseMet) yield return (EngineerResponseMet, id);
            if (t.ResolvedUtc is not null) yield return (EngineerResolved, id);
            if (resolveMet) yield return (EngineerResolveMet, id);
        }
    }
}
