using HallBoard.Domain;
using HallBoard.Features.Analysis;
using HallBoard.Features.Escalations;

namespace HallBoard.Features.ServiceReports;

/// <summary>One step of a feedback's handling against its due time.</summary>
public enum StepVerdict { OnTime, Late, Overdue, NotDue }

/// <summary>A taxpayer feedback as the monthly report reads it: its kind, state and each step's done and due time.</summary>
public sealed record FeedbackFact(
    string Number, FeedbackKind Kind, FeedbackStatus Status, DateTime ReceivedUtc,
    DateTime ReportDueUtc, DateTime? ReportedUtc, DateTime HandleDueUtc, DateTime? HandlingUtc,
    DateTime ReplyDueUtc, DateTime? RepliedUtc, DateTime CloseDueUtc, DateTime? ClosedUtc)
{
    public static readonly string[] StepNames = ["报送", "处理", "答复", "办结"];

    /// <summary>报送, 处理, 答复, 办结 in order.</summary>
    public IReadOnlyList<StepVerdict> Steps(DateTime asOfUtc) =>
    [
        Verdict(ReportedUtc, ReportDueUtc, asOfUtc), Verdict(HandlingUtc, HandleDueUtc, asOfUtc),
        Verdict(RepliedUtc, ReplyDueUtc, asOfUtc), Verdict(ClosedUtc, CloseDueUtc, asOfUtc),
    ];

    /// <summary>逾期: some step was done after its due time, or is still undone past it.</summary>
    public bool IsLate(DateTime asOfUtc) => Steps(asOfUtc).Any(s => s is StepVerdict.Late or StepVerdict.Overdue);

    public static StepVerdict Verdict(DateTime? doneUtc, DateTime dueUtc, DateTime asOfUtc) => doneUtc switch
    {
        { } done => done <= dueUtc ? StepVerdict.OnTime : StepVerdict.Late,
        null => asOfUtc > dueUtc ? StepVerdict.Overdue : StepVerdict.NotDue,
    };
}

/// <summary>One kind of feedback in the month: received, 已办结, and 逾期 (a step late or overdue).</summary>
public sealed record FeedbackKindRow(string Label, int Received, int Closed, int Late);

/// <summary>A complaint with its handling state and the verdict of each step.</summary>
public sealed record ComplaintRow(string Number, DateTime ReceivedUtc, string Status, IReadOnlyList<StepVerdict> Steps, bool Late);

/// <summary>taxpayer feedback received in the month (意见、建议、咨询、投诉) and how it was handled.</summary>
public sealed record FeedbackSection(IReadOnlyList<FeedbackKindRow> ByKind, FeedbackKindRow Total, IReadOnlyList<ComplaintRow> Complaints)
{
    public static FeedbackSection Of(IReadOnlyCollection<FeedbackFact> facts, DateTime asOfUtc)
    {
        FeedbackKindRow Row(string label, IReadOnlyCollection<FeedbackFact> rows) =>
            new(label, rows.Count, rows.Count(f => f.Status == FeedbackStatus.Closed), rows.Count(f => f.IsLate(asOfUtc)));

        var byKind = Enum.GetValues<FeedbackKind>().Select(k => Row(Labels.Of(k), facts.Where(f => f.Kind == k).ToList())).ToList();
        var complaints = facts.Where(f => f.Kind == FeedbackKind.Complaint).OrderBy(f => f.ReceivedUtc).ThenBy(f => f.Number, StringComparer.Ordinal)
            .Select(f => new ComplaintRow(f.Number, f.ReceivedUtc, Labels.Of(f.Status), f.Steps(asOfUtc), f.IsLate(asOfUtc))).ToList();
        return new FeedbackSection(byKind, Row("合计", facts), complaints);
    }
}

/// <summary>An escalation raised in the month, as the report counts it.</summary>
public sealed record EscalationFact(EscalationTarget Target, string? Recipient, DateTime RaisedUtc, DateTime DueUtc, DateTime? AnsweredUtc)
{
    /// <summary>The recipient as the report groups it: the named person, or the kind of recipient when none was named.</summary>
    public string RecipientLabel => Recipient is { Length: > 0 } name ? $"{Labels.Of(Target)}（{name}）" : Labels.Of(Target);
}

/// <summary>升级 raised, answered, answered by the deadline, still open and open past the deadline.</summary>
public sealed record EscalationRow(string Label, int Raised, int Answered, int AnsweredInTime, int Open, int OpenOverdue)
{
    public Ratio InTime => new(AnsweredInTime, Answered);
}

public sealed record EscalationSection(IReadOnlyList<EscalationRow> ByRecipient, EscalationRow Total)
{
    public static EscalationSection Of(IReadOnlyCollection<EscalationFact> facts, DateTime asOfUtc)
    {
        EscalationRow Row(string label, IReadOnlyCollection<EscalationFact> rows) => new(label, rows.Count,
            rows.Count(e => e.AnsweredUtc is not null),
            rows.Count(e => e.AnsweredUtc is { } a && a <= e.DueUtc),
            rows.Count(e => e.AnsweredUtc is null),
            rows.Count(e => e.AnsweredUtc is null && asOfUtc > e.DueUtc));

        var byRecipient = facts.GroupBy(f => f.RecipientLabel)
            .Select(g => Row(g.Key, g.ToList()))
            .OrderByDescending(r => r.Raised).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new EscalationSection(byRecipient, Row("合计", facts));
    }
}

/// <summary>One channel's volume in the month, the month before, and the change.</summary>
public sealed record ChannelRow(string Channel, int Volume, double Share, int PreviousVolume)
{
    public int Change => Volume - PreviousVolume;
}

/// <summary>An online-servable category whose taxpayers still reached the counter (or were guided without success).</summary>
public sealed record CounterRow(string Category, int AtCounter, int GuidanceFailed)
{
    public int Total => AtCounter + GuidanceFailed;
}

/// <summary>
/// 网上办税率 and counter against online: online ÷ (online + counter) from the recorded business volumes of the month,
/// the same for the month before, and the change in percentage points.
/// </summary>
public sealed record OnlineSection(
    int Counter, int Online, int DaysWithVolumes, int PreviousCounter, int PreviousOnline,
    IReadOnlyList<ChannelRow> Channels, IReadOnlyList<CounterRow> CounterCategories)
{
    public double? Rate => Counter + Online > 0 ? (double)Online / (Counter + Online) : null;
    public double? PreviousRate => PreviousCounter + PreviousOnline > 0 ? (double)PreviousOnline / (PreviousCounter + PreviousOnline) : null;

    /// <summary>The rate's change since the month before, as a fraction (0.05 = 5 percentage points).</summary>
    public double? Change => Rate is { } now && PreviousRate is { } before ? now - before : null;

    public int Total => Counter + Online;
    public int PreviousTotal => PreviousCounter + PreviousOnline;
    public CounterRow CounterTotal => new("合计", CounterCategories.Sum(c => c.AtCounter), CounterCategories.Sum(c => c.GuidanceFailed));

    /// <summary>"+5.0 个百分点", "-1.2 个百分点", or "—" without both months.</summary>
    public string ChangeText => Change is { } c
        ? (c >= 0 ? "+" : "") + (c * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " 个百分点"
        : "—";

    public static OnlineSection Of(OnlineRateReport month, OnlineRateReport previous, IReadOnlyList<CounterCategory> counter)
    {
        var before = previous.Channels.ToDictionary(c => c.Channel, c => c.Volume);
        return new OnlineSection(month.Counter, month.Online, month.DaysWithVolumes, previous.Counter, previous.Online,
            month.Channels.Select(c => new ChannelRow(c.Channel, c.Volume, c.Share, before.GetValueOrDefault(c.Channel))).ToList(),
            counter.Select(c => new CounterRow(Labels.Of(c.Category), c.AtCounter, c.GuidanceFailed)).ToList());
    }
}

/// <summary>A month's ticket and the knowledge articles that resolved it (used on it, or linked through its problem).</summary>
public sealed record TicketArticles(int TicketId, IReadOnlyList<int> ArticleIds);

/// <summary>
/// 主要问题: the month's tickets by category and by the knowledge article that resolved them, most first — never the
/// description text, which repeats the same problem in many words.
/// </summary>
public sealed record MainProblems(IReadOnlyList<CountRow> ByCategory, IReadOnlyList<CountRow> ByArticle, int Tickets, int WithArticle)
{
    public const int Top = 10;

    public int WithoutArticle => Tickets - WithArticle;

    public static MainProblems Of(IReadOnlyCollection<ReportTicket> tickets, IReadOnlyCollection<TicketArticles> uses,
        IReadOnlyDictionary<int, string> articles)
    {
        var total = tickets.Count;
        var ids = tickets.Select(t => t.Id).ToHashSet();
        var used = uses.Where(u => ids.Contains(u.TicketId) && u.ArticleIds.Count > 0).ToList();
        var byCategory = tickets.GroupBy(t => t.Category)
            .Select(g => new CountRow(Labels.Of(g.Key), g.Count(), new Ratio(g.Count(), total)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).Take(Top).ToList();
        var byArticle = used.SelectMany(u => u.ArticleIds.Distinct().Select(a => (u.TicketId, Article: a)))
            .GroupBy(x => x.Article)
            .Select(g => new CountRow(articles.GetValueOrDefault(g.Key, $"知识条目 {g.Key}"), g.Count(), new Ratio(g.Count(), total)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal).Take(Top).ToList();
        return new MainProblems(byCategory, byArticle, total, used.Count);
    }
}
