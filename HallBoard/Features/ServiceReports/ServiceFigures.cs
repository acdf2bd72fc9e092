using System.Globalization;
using HallBoard.Domain;

namespace HallBoard.Features.ServiceReports;

/// <summary>One ticket as every report reads it.</summary>
public sealed record ReportTicket(
    int Id, string Number, DateTime CreatedUtc, Channel Channel, Category Category, TicketKind Kind, Priority Priority,
    TicketStatus Status, string TaxpayerName, string Description, string? AssigneeName,
    DateTime ResponseDueUtc, DateTime ResolveDueUtc, DateTime? TakenUtc, DateTime? ResolvedUtc, string? Resolution,
    DateTime? FollowedUpUtc, FollowUpOutcome? LastFollowUp, int FollowUpAttempts, SatisfactionLevel? Rating,
    string? RatingComment, RatingSource? RatingSource, DateTime? ClosedUtc, CloseReason? CloseReason, string? CloseNote,
    int ReopenCount, bool GuidedOnline, bool? GuidanceSucceeded)
{
    /// <summary>Taken by the response due time; null while it is still waiting and not yet due.</summary>
    /// <summary>Every rating the ticket received, earlier ones a reopen cleared included (read from the history).</summary>
    public IReadOnlyList<SatisfactionLevel> AllRatings { get; init; } = [];

    /// <summary>The levels the figures count: the history, or the current rating where no history was read.</summary>
    public IReadOnlyList<SatisfactionLevel> RatingLevels => AllRatings.Count > 0 ? AllRatings : Rating is { } r ? [r] : [];

    public bool? ResponseMet(DateTime asOfUtc) =>
        TakenUtc is { } taken ? taken <= ResponseDueUtc : asOfUtc > ResponseDueUtc ? false : null;

    /// <summary>Resolved by the resolve due time; null while it is open and not yet due.</summary>
    public bool? ResolveMet(DateTime asOfUtc) =>
        ResolvedUtc is { } resolved ? resolved <= ResolveDueUtc : asOfUtc > ResolveDueUtc ? false : null;
}

/// <summary>A share: <see cref="Count"/> of <see cref="Of"/>; no value when there is nothing to count.</summary>
public sealed record Ratio(int Count, int Of)
{
    public double? Value => Of == 0 ? null : (double)Count / Of;

    /// <summary>"95.2%" to one decimal, as the page prints it; the workbook stores <see cref="Value"/> with the
    /// format 0.0%, which shows the same.</summary>
    public string Percent => Value is { } v ? Pct(v) : "—";

    public static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One line of a breakdown: a label, how many, and its share of the whole.</summary>
public sealed record CountRow(string Label, int Count, Ratio Share);

/// <summary>
/// Every figure the reports show, computed in this one place so a page and its workbook can never differ.
/// <list type="bullet">
/// <item>响应及时率: taken by <c>ResponseDueUtc</c>, of the tickets taken or past that time unanswered.</item>
/// <item>解决及时率: resolved by <c>ResolveDueUtc</c>, of the tickets resolved or past that time unresolved.</item>
/// <item>满意率: 非常满意 and 满意, of the rated tickets (as on the wall).</item>
/// <item>回访完成率: tickets whose taxpayer was reached by a call-back, of the resolved tickets.</item>
/// <item>引导成功率: guided online and done online, of the guided tickets.</item>
/// </list>
/// </summary>
public sealed record ServiceFigures(
    int Total, int Open, int Closed,
    IReadOnlyList<CountRow> ByChannel, IReadOnlyList<CountRow> ByCategory, IReadOnlyList<CountRow> ByKind,
    IReadOnlyList<CountRow> ByStatus,
    Ratio Response, int ResponsePending, Ratio Resolve, int ResolvePending,
    IReadOnlyList<CountRow> Ratings, Ratio Satisfaction, Ratio Rated,
    Ratio CallBack, int Guided, Ratio Guidance)
{
    public static ServiceFigures Of(IReadOnlyCollection<ReportTicket> tickets, DateTime asOfUtc)
    {
        var total = tickets.Count;
        var response = tickets.Select(t => t.ResponseMet(asOfUtc)).ToList();
        var resolve = tickets.Select(t => t.ResolveMet(asOfUtc)).ToList();
        var rated = tickets.Where(t => t.Rating is not null).ToList();
        // A bad rating stays in its period's figures after a reopen cleared it from the ticket.
        var levels = tickets.SelectMany(t => t.RatingLevels).ToList();
        var resolved = tickets.Where(t => t.ResolvedUtc is not null).ToList();
        var guided = tickets.Where(t => t.GuidedOnline).ToList();

        return new ServiceFigures(
            total,
            tickets.Count(t => t.Status != TicketStatus.Closed),
            tickets.Count(t => t.Status == TicketStatus.Closed),
            Breakdown(tickets, t => t.Channel, Labels.Of),
            Breakdown(tickets, t => t.Category, Labels.Of),
            Breakdown(tickets, t => t.Kind, Labels.Of),
            Breakdown(tickets, t => t.Status, Labels.Of),
            new Ratio(response.Count(m => m == true), response.Count(m => m is not null)),
            response.Count(m => m is null),
            new Ratio(resolve.Count(m => m == true), resolve.Count(m => m is not null)),
            resolve.Count(m => m is null),
            Enum.GetValues<SatisfactionLevel>().OrderByDescending(l => l)
                .Select(l => Row(Labels.Of(l), levels.Count(x => x == l), levels.Count)).ToList(),
            new Ratio(levels.Count(x => x >= SatisfactionLevel.Satisfied), levels.Count),
            new Ratio(rated.Count, resolved.Count),
            new Ratio(resolved.Count(t => t.FollowedUpUtc is not null && t.LastFollowUp == FollowUpOutcome.Reached), resolved.Count),
            guided.Count,
            new Ratio(guided.Count(t => t.GuidanceSucceeded == true), guided.Count));
    }

    /// <summary>Every value of the enum in declaration order, zeros included, so months compare line by line.</summary>
    private static List<CountRow> Breakdown<T>(IReadOnlyCollection<ReportTicket> tickets, Func<ReportTicket, T> key, Func<T, string> label)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => Row(label(v), tickets.Count(t => key(t).Equals(v)), tickets.Count)).ToList();

    private static CountRow Row(string label, int count, int of) => new(label, count, new Ratio(count, of));
}
