using HallBoard.Domain;

namespace HallBoard.Features.Incidents;

public enum IncidentStatus { Open, Closed }

/// <summary>What can be done to a declared incident; <see cref="MajorIncident.AllowedMoves"/> says which are open now.</summary>
public enum IncidentMove { LinkTicket, AddAction, RecordReport, Close, CloseFinally }

public enum IncidentEntryKind { Declared, Action, TicketLinked, Reported, Closed, FinalClosed }

/// <summary>A major incident refused a move (closing it twice, an end before its start, a ticket of another hall …).</summary>
public sealed class IncidentRuleException(string message) : HallBoardException(message);

/// <summary>What is known when a major incident is declared.</summary>
public sealed record IncidentDraft
{
    public string? Title { get; init; }
    public IReadOnlyList<Channel> Channels { get; init; } = [];
    public string? Business { get; init; }
    public string? Description { get; init; }
    public DateTime StartUtc { get; init; }
    public int? EstimatedTaxpayers { get; init; }
}

/// <summary>
/// 重大事件: a fault or event that stops business for many taxpayers (e.g. the e-tax bureau down for the whole hall).
/// Declared from tickets or on its own, worked through a timeline of actions, reported to the bureau's ops authority,
/// closed with its end, cause and measures. Its record is what the 《重大事件处理报告》 is made from. Rules only.
/// </summary>
public sealed class MajorIncident
{
    public const int MaxTitle = 100;
    public const int MaxBusiness = 200;
    public const int MaxText = 2000;
    public const int MaxParty = 100;
    public const int MaxTaxpayers = 1_000_000;
    public static readonly TimeSpan LongestLookBack = TimeSpan.FromDays(30);

    private readonly List<IncidentEntry> _entries = [];
    private readonly List<IncidentTicket> _tickets = [];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The affected channels' codes, comma-separated ("ETaxWeb,MobileApp"); read <see cref="Channels"/>.</summary>
    public string ChannelCodes { get; private set; } = "";
    public string Business { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime? EndUtc { get; private set; }
    public int? EstimatedTaxpayers { get; private set; }
    public string? Cause { get; private set; }
    public string? Measures { get; private set; }
    public IncidentStatus Status { get; private set; }
    public DateTime DeclaredUtc { get; private set; }
    public string DeclaredById { get; private set; } = "";
    public string DeclaredByName { get; private set; } = "";
    public DateTime? ClosedUtc { get; private set; }
    /// <summary>When the case was closed as final (结案), after business was restored and the written improvement plan exists.</summary>
    public DateTime? FinalClosedUtc { get; private set; }
    public string? FinalClosedByName { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<IncidentEntry> Entries => _entries;
    public IReadOnlyList<IncidentTicket> Tickets => _tickets;

    public IReadOnlyList<Channel> Channels => ParseChannels(ChannelCodes);

    public bool IsOpen => Status == IncidentStatus.Open;

    private MajorIncident() { }

    public static MajorIncident Declare(int hallId, IncidentDraft draft, Actor by, DateTime nowUtc)
    {
        var title = FreeText.Required(draft.Title, "title", "事件名称", MaxTitle);
        var channels = draft.Channels.Distinct().ToList();
        if (channels.Count == 0)
            throw ValidationFailedException.For("channels", "请至少选择一个受影响的渠道。");
        if (channels.Any(c => !Enum.IsDefined(c)))
            throw ValidationFailedException.For("channels", "受影响渠道无效。");
        var business = FreeText.Required(draft.Business, "business", "受影响业务", MaxBusiness);
        var description = FreeText.Optional(draft.Description, "description", "事件描述", MaxText);
        if (draft.StartUtc > nowUtc)
            throw ValidationFailedException.For("start", "开始时间不能晚于当前时间。");
        if (draft.StartUtc < nowUtc - LongestLookBack)
            throw ValidationFailedException.For("start", "开始时间不能早于 30 天前。");
        if (draft.EstimatedTaxpayers is < 0 or > MaxTaxpayers)
            throw ValidationFailedException.For("taxpayers", $"受影响纳税人数须在 0 到 {MaxTaxpayers} 之间。");
        var incident = new MajorIncident
        {
            HallId = hallId,
            Title = title,
            ChannelCodes = string.Join(",", channels.Order()),
            Business = business,
            Description = description,
            StartUtc = draft.StartUtc,
            EstimatedTaxpayers = draft.EstimatedTaxpayers,
            Status = IncidentStatus.Open,
            DeclaredUtc = nowUtc,
            DeclaredById = by.Id,
            DeclaredByName = by.Name,
        };
        incident.Add(IncidentEntryKind.Declared, nowUtc, $"宣布重大事件：{title}", null, by, nowUtc);
        return incident;
    }

    /// <summary>Whether this open incident already covers one of <paramref name="channels"/>: a hall has at most one
    /// open major incident per channel.</summary>
    public bool CoversAnyOf(IEnumerable<Channel> channels) => IsOpen && Channels.Intersect(channels).Any();

    /// <summary>Who may take a move at all: staff work an incident; closing it and the final close are the lead's.</summary>
    public static bool MayTake(IncidentMove move, Actor actor) =>
        actor.IsIn(move is IncidentMove.Close or IncidentMove.CloseFinally ? Account.Roles.LeadRoles : Account.Roles.StaffRoles);

    /// <summary>The moves this actor may take now; <paramref name="planExists"/>: the written improvement plan is there.</summary>
    public IReadOnlySet<IncidentMove> AllowedMoves(Actor actor, bool planExists) =>
        Enum.GetValues<IncidentMove>().Where(m => RefusalOf(m, actor, planExists) is null).ToHashSet();

    /// <summary>Why this actor may not take this move now, or null: the role (<see cref="MayTake"/>, the command's check),
    /// then the incident's state, which the move itself checks.</summary>
    public HallBoardException? RefusalOf(IncidentMove move, Actor actor, bool planExists = false) =>
        MayTake(move, actor) ? StateRefusal(move, planExists) : new ForbiddenException(Actor.NoRightMessage);

    private IncidentRuleException? StateRefusal(IncidentMove move, bool planExists) => move switch
        {
            IncidentMove.LinkTicket when !IsOpen => new IncidentRuleException("该重大事件已关闭，不能关联工单。"),
            IncidentMove.AddAction when !IsOpen => new IncidentRuleException("该重大事件已关闭，不能记录处置过程。"),
            IncidentMove.Close when !IsOpen => new IncidentRuleException("该重大事件已关闭，不能再次关闭。"),
            IncidentMove.CloseFinally when FinalClosedUtc is not null => new IncidentRuleException("该重大事件已结案。"),
            IncidentMove.CloseFinally when IsOpen => new IncidentRuleException("该重大事件尚未关闭（业务尚未恢复），不能结案。"),
            IncidentMove.CloseFinally when !planExists => new IncidentRuleException("该重大事件还没有书面改进方案，不能结案。请先编写改进方案。"),
            _ => null,
        };

    private void RequireState(IncidentMove move, bool planExists = false)
    {
        if (StateRefusal(move, planExists) is { } refused) throw refused;
    }

    public void LinkTicket(int ticketId, string ticketNumber, int ticketHallId, Actor by, DateTime nowUtc)
    {
        RequireState(IncidentMove.LinkTicket);
        if (ticketHallId != HallId)
            throw new IncidentRuleException($"工单 {ticketNumber} 不属于本厅，不能关联。");
        if (_tickets.Any(t => t.TicketId == ticketId))
            throw new IncidentRuleException($"工单 {ticketNumber} 已关联到该事件。");
        _tickets.Add(new IncidentTicket { TicketId = ticketId, TicketNumber = ticketNumber, LinkedUtc = nowUtc });
        Add(IncidentEntryKind.TicketLinked, nowUtc, $"关联工单 {ticketNumber}", null, by, nowUtc);
    }

    /// <summary>A step taken to handle the incident (处置过程), at the time it was taken.</summary>
    public void AddAction(string? text, DateTime atUtc, Actor by, DateTime nowUtc)
    {
        RequireState(IncidentMove.AddAction);
        var what = FreeText.Required(text, "action", "处置内容", MaxText);
        RequireWithin(atUtc, nowUtc, "at", "处置时间");
        Add(IncidentEntryKind.Action, atUtc, what, null, by, nowUtc);
    }

    /// <summary>Who the incident was reported to and when (上报); also after it closed, as the report goes out then.</summary>
    public void RecordReport(string? to, DateTime atUtc, string? note, Actor by, DateTime nowUtc)
    {
        var party = FreeText.Required(to, "reportedTo", "上报对象", MaxParty);
        var text = FreeText.Optional(note, "reportNote", "上报说明", MaxText);
        RequireWithin(atUtc, nowUtc, "reportedAt", "上报时间");
        Add(IncidentEntryKind.Reported, atUtc, text is null ? $"上报{party}" : $"上报{party}：{text}", party, by, nowUtc);
    }

    public void Close(DateTime endUtc, string? cause, string? measures, Actor by, DateTime nowUtc)
    {
        RequireState(IncidentMove.Close);
        if (endUtc < StartUtc)
            throw new IncidentRuleException("结束时间不能早于开始时间。");
        if (endUtc > nowUtc)
            throw new IncidentRuleException("结束时间不能晚于当前时间。");
        var why = FreeText.Required(cause, "cause", "原因分析", MaxText);
        var done = FreeText.Required(measures, "measures", "处理措施", MaxText);
        (EndUtc, Cause, Measures, ClosedUtc, Status) = (endUtc, why, done, nowUtc, IncidentStatus.Closed);
        Add(IncidentEntryKind.Closed, nowUtc, "事件关闭，业务恢复", null, by, nowUtc);
    }

    /// <summary>结案: the final close. Closing restores business (the walls' banner goes); the case stays open until the
    /// 书面改进方案 the statement of work asks for after a major fault has been written.</summary>
    public void CloseFinally(bool planExists, Actor by, DateTime nowUtc)
    {
        RequireState(IncidentMove.CloseFinally, planExists);
        (FinalClosedUtc, FinalClosedByName) = (nowUtc, by.Name);
        Add(IncidentEntryKind.FinalClosed, nowUtc, "结案（已有书面改进方案）", null, by, nowUtc);
    }

    public string StateLabel => FinalClosedUtc is not null ? "已结案" : Labels.Of(Status);

    /// <summary>Taxpayers affected: the estimate entered, or the linked tickets if more have come in since.</summary>
    public static int TaxpayersAffected(int? estimated, int linkedTickets) => Math.Max(estimated ?? 0, linkedTickets);

    public static IReadOnlyList<Channel> ParseChannels(string codes) =>
        codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Enum.TryParse<Channel>(c, out var channel) ? channel : Channel.Other).Distinct().ToList();

    private void RequireWithin(DateTime atUtc, DateTime nowUtc, string field, string label)
    {
        if (atUtc > nowUtc) throw ValidationFailedException.For(field, $"{label}不能晚于当前时间。");
        if (atUtc < StartUtc) throw ValidationFailedException.For(field, $"{label}不能早于事件开始时间。");
    }

    private void Add(IncidentEntryKind kind, DateTime atUtc, string text, string? party, Actor by, DateTime nowUtc)
    {
        Version++;
        _entries.Add(new IncidentEntry
        {
            Kind = kind, AtUtc = atUtc, RecordedUtc = nowUtc, Text = text, Party = party, ActorId = by.Id, ActorName = by.Name,
        });
    }
}

/// <summary>One line of an incident's timeline: when it happened, what, who wrote it down.</summary>
public sealed class IncidentEntry
{
    public long Id { get; set; }
    public int IncidentId { get; set; }
    public IncidentEntryKind Kind { get; set; }
    public DateTime AtUtc { get; set; }
    public DateTime RecordedUtc { get; set; }
    public required string Text { get; set; }
    public string? Party { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
}

/// <summary>A ticket that came in because of the incident.</summary>
public sealed class IncidentTicket
{
    public int IncidentId { get; set; }
    public int TicketId { get; set; }
    public required string TicketNumber { get; set; }
    public DateTime LinkedUtc { get; set; }
}
