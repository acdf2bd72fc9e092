using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Domain;

/// <summary>意见 / 建议 / 咨询 / 投诉.</summary>
public enum FeedbackKind { Opinion, Suggestion, Consultation, Complaint }

/// <summary>Where the feedback came in: after rating a service, the hall's public QR page, or an engineer on the taxpayer's behalf.</summary>
public enum FeedbackSource { RatingPage, PublicPage, Engineer }

/// <summary>收到 → 已报送 → 处理中 → 已答复 → 已办结.</summary>
public enum FeedbackStatus { Received, Reported, InHandling, Replied, Closed }

/// <summary>The steps out of each status: 报送, 开始处理, 答复, 办结.</summary>
public enum FeedbackMove { Report, StartHandling, Reply, Close }

/// <summary>How long each step may take, counted from receipt: report to the bureau, start handling, reply, close.</summary>
public sealed record FeedbackDeadlines(TimeSpan Report, TimeSpan Handle, TimeSpan Reply, TimeSpan Close);

/// <summary>A feedback refused a move or an input.</summary>
public sealed class FeedbackRuleException(string message) : HallBoardException(message);

/// <summary>What the button that moves a feedback on says (the words of its states are in <see cref="Labels"/>).</summary>
public static class FeedbackSteps
{
    /// <summary>The step that leads out of a status, as the button says it.</summary>
    public static string NextStep(FeedbackStatus s) => s switch
    {
        FeedbackStatus.Received => "报送税务局",
        FeedbackStatus.Reported => "开始处理",
        FeedbackStatus.InHandling => "答复纳税人",
        FeedbackStatus.Replied => "办结",
        _ => "",
    };
}

/// <summary>One taxpayer's opinion, suggestion, consultation or complaint, tracked until it is handled.</summary>
public sealed class TaxpayerFeedback
{
    public const int MaxContent = 1000;
    public const int MaxNote = 500;
    public const int MaxContactName = 50;

    private readonly List<FeedbackEvent> _events = [];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Number { get; private set; } = "";
    public FeedbackKind Kind { get; private set; }
    public FeedbackSource Source { get; private set; }
    public FeedbackStatus Status { get; private set; }
    public string Content { get; private set; } = "";
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public int? TicketId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ReportDueUtc { get; private set; }
    public DateTime HandleDueUtc { get; private set; }
    public DateTime ReplyDueUtc { get; private set; }
    public DateTime CloseDueUtc { get; private set; }
    public DateTime? ReportedUtc { get; private set; }
    public DateTime? HandlingUtc { get; private set; }
    public DateTime? RepliedUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    public string? Reply { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public int Version { get; private set; }

    public IReadOnlyList<FeedbackEvent> Events => _events;

    /// <summary>A complaint goes to the hall lead at once.</summary>
    public bool AlertsLead => Kind == FeedbackKind.Complaint;

    private TaxpayerFeedback() { }

    public static TaxpayerFeedback Receive(int hallId, string number, FeedbackDraft draft, int? ticketId,
        FeedbackDeadlines due, Actor by, DateTime nowUtc)
    {
        var valid = draft.Validated();
        var feedback = new TaxpayerFeedback
        {
            HallId = hallId,
            Number = number,
            Kind = valid.Kind,
            Source = valid.Source,
            Status = FeedbackStatus.Received,
            Content = valid.Content ?? "",
            ContactName = valid.ContactName,
            ContactPhone = valid.ContactPhone,
            TicketId = ticketId,
            CreatedUtc = nowUtc,
            ReportDueUtc = nowUtc.Add(due.Report),
            HandleDueUtc = nowUtc.Add(due.Handle),
            ReplyDueUtc = nowUtc.Add(due.Reply),
            CloseDueUtc = nowUtc.Add(due.Close),
            CreatedById = by.Id,
            CreatedByName = by.Name,
        };
        feedback.Record(null, by, nowUtc, $"{Labels.Of(valid.Kind)}（{Labels.Of(valid.Source)}）");
        return feedback;
    }

    /// <summary>When the current step is due; null once closed.</summary>
    public DateTime? DueUtc => DueOf(Status, ReportDueUtc, HandleDueUtc, ReplyDueUtc, CloseDueUtc);

    public bool IsOverdue(DateTime nowUtc) => DueUtc is { } due && nowUtc > due;

    public static DateTime? DueOf(FeedbackStatus status, DateTime report, DateTime handle, DateTime reply, DateTime close) => status switch
    {
        FeedbackStatus.Received => report,
        FeedbackStatus.Reported => handle,
        FeedbackStatus.InHandling => reply,
        FeedbackStatus.Replied => close,
        _ => null,
    };

    /// <summary>Who moves feedback on: the hall lead and above (the bureau's counterpart); engineers only record it.</summary>
    public static bool MayHandle(Actor actor) => actor.IsIn(R.HallLead, R.Manager, R.Admin);

    /// <summary>The moves this actor may take now: at most the one step out of the current status.</summary>
    public IReadOnlySet<FeedbackMove> AllowedMoves(Actor actor) =>
        Enum.GetValues<FeedbackMove>().Where(m => Refusal(m, actor) is null).ToHashSet();

    public bool Can(FeedbackMove move, Actor actor) => Refusal(move, actor) is null;

    /// <summary>Why this actor may not take this move now, or null; the moves refuse with this message.</summary>
    public string? Refusal(FeedbackMove move, Actor actor) =>
        !MayHandle(actor) ? Actor.NoRightMessage
        : Status != From(move) ? $"该意见当前状态为“{Labels.Of(Status)}”，不能{Verb(move)}。"
        : null;

    /// <summary>The one step out of the current status, if any.</summary>
    public FeedbackMove? NextMove => Status switch
    {
        FeedbackStatus.Received => FeedbackMove.Report,
        FeedbackStatus.Reported => FeedbackMove.StartHandling,
        FeedbackStatus.InHandling => FeedbackMove.Reply,
        FeedbackStatus.Replied => FeedbackMove.Close,
        _ => null,
    };

    private static FeedbackStatus From(FeedbackMove move) => move switch
    {
        FeedbackMove.Report => FeedbackStatus.Received,
        FeedbackMove.StartHandling => FeedbackStatus.Reported,
        FeedbackMove.Reply => FeedbackStatus.InHandling,
        _ => FeedbackStatus.Replied,
    };

    private static string Verb(FeedbackMove move) => move switch
    {
        FeedbackMove.Report => "报送",
        FeedbackMove.StartHandling => "开始处理",
        FeedbackMove.Reply => "答复",
        _ => "办结",
    };

    /// <summary>报送: reported to the bureau's ops authority.</summary>
    public void ReportToBureau(string? note, Actor by, DateTime nowUtc)
    {
        Check(FeedbackMove.Report, by);
        ReportedUtc = nowUtc;
        Move(FeedbackStatus.Reported, by, nowUtc, Optional(note, "报送说明"));
    }

    public void StartHandling(string? note, Actor by, DateTime nowUtc)
    {
        Check(FeedbackMove.StartHandling, by);
        HandlingUtc = nowUtc;
        Move(FeedbackStatus.InHandling, by, nowUtc, Optional(note, "处理说明"));
    }

    /// <summary>答复: what the taxpayer was told; required.</summary>
    public void ReplyWith(string? reply, Actor by, DateTime nowUtc)
    {
        Check(FeedbackMove.Reply, by);
        Reply = Optional(reply, "答复内容") ?? throw new FeedbackRuleException("请填写答复内容。");
        RepliedUtc = nowUtc;
        Move(FeedbackStatus.Replied, by, nowUtc, Reply);
    }

    public void Close(string? note, Actor by, DateTime nowUtc)
    {
        Check(FeedbackMove.Close, by);
        ClosedUtc = nowUtc;
        Move(FeedbackStatus.Closed, by, nowUtc, Optional(note, "办结说明"));
    }

    /// <summary>The one step out of the current status.</summary>
    public void Advance(string? note, Actor by, DateTime nowUtc)
    {
        if (!MayHandle(by)) throw new ForbiddenException(Actor.NoRightMessage);
        switch (Status)
        {
            case FeedbackStatus.Received: ReportToBureau(note, by, nowUtc); break;
            case FeedbackStatus.Reported: StartHandling(note, by, nowUtc); break;
            case FeedbackStatus.InHandling: ReplyWith(note, by, nowUtc); break;
            case FeedbackStatus.Replied: Close(note, by, nowUtc); break;
            default: throw new FeedbackRuleException("该意见已办结，不能再变更。");
        }
    }

    private void Check(FeedbackMove move, Actor by)
    {
        if (!MayHandle(by)) throw new ForbiddenException(Actor.NoRightMessage);
        if (Refusal(move, by) is { } why) throw new FeedbackRuleException(why);
    }

    private void Move(FeedbackStatus to, Actor by, DateTime nowUtc, string? note)
    {
        var from = Status;
        Status = to;
        Record(from, by, nowUtc, note);
    }

    private void Record(FeedbackStatus? from, Actor by, DateTime nowUtc, string? note)
    {
        Version++;
        _events.Add(new FeedbackEvent
        {
            AtUtc = nowUtc,
            FromStatus = from,
            ToStatus = Status,
            ActorId = by.Id,
            ActorName = by.Name,
            Note = note,
        });
    }

    private static string? Optional(string? text, string field)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (value is { Length: > MaxNote })
            throw new FeedbackRuleException($"{field}过长（最多 {MaxNote} 字）。");
        if (value is not null && TextRules.Problem(value) is { } why)
            throw new FeedbackRuleException(field + why);
        return value;
    }
}

/// <summary>One step on a feedback's timeline.</summary>
public sealed class FeedbackEvent
{
    public long Id { get; set; }
    public int FeedbackId { get; set; }
    public DateTime AtUtc { get; set; }
    public FeedbackStatus? FromStatus { get; set; }
    public FeedbackStatus ToStatus { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Note { get; set; }
}
