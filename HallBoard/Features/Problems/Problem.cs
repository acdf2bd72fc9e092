using HallBoard.Domain;
using HallBoard.Features.Knowledge;

namespace HallBoard.Features.Problems;

public enum ProblemStatus { Open, Analysing, WorkaroundKnown, Resolved, Duplicate }

/// <summary>What can be done to a problem; <see cref="Problem.AllowedMoves"/> says which are open to an actor now.</summary>
public enum ProblemMove { StartAnalysis, RecordWorkaround, Resolve, SubmitToBureau, CloseAsDuplicate, Discuss, LinkTicket, DraftArticle }

/// <summary>
/// 疑难问题: one cause behind several tickets of a hall, taken to the bureau's ops authority.
/// 待分析 → 分析中 → 已有临时方案 → 已解决, or closed as a duplicate of another problem.
/// </summary>
public sealed class Problem
{
    public const int MaxTitle = 100;
    public const int MaxText = 2000;
    public const int MaxNote = 1000;
    public const int MaxWho = 50;

    private readonly List<ProblemNote> _notes = [];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Category Category { get; private set; }
    public ProblemStatus Status { get; private set; }
    public string? Workaround { get; private set; }
    public string? Resolution { get; private set; }
    public DateOnly? SubmittedToBureau { get; private set; }
    public int? DuplicateOfId { get; private set; }
    public int? ArticleId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedUtc { get; private set; }
    public DateTime? ResolvedUtc { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<ProblemNote> Notes => _notes;

    public bool IsFinished => Status is ProblemStatus.Resolved or ProblemStatus.Duplicate;

    private Problem() { }

    public static Problem Open(int hallId, string title, string description, Category category, Actor by, DateTime nowUtc)
    {
        if (!Enum.IsDefined(category))
            throw ValidationFailedException.For("category", "业务类别无效。");
        return new Problem
        {
            HallId = hallId,
            Title = KnowledgeText.Required(title, "title", "问题名称", MaxTitle, min: 2),
            Description = KnowledgeText.Required(description, "description", "问题描述", MaxText),
            Category = category,
            Status = ProblemStatus.Open,
            CreatedUtc = nowUtc,
            CreatedBy = by.Name,
            UpdatedUtc = nowUtc,
            Version = 1,
        };
    }

    /// <summary>Who may take a move at all: the hall's staff work a problem; the bureau only adds to its discussion.</summary>
    public static bool MayTake(ProblemMove move, Actor actor) =>
        actor.IsIn(Account.Policies.KnowledgeAuthors) || (move == ProblemMove.Discuss && actor.IsIn(Account.Roles.Bureau));

    /// <summary>The moves this actor may take now, given the problem's state and the actor's role.</summary>
    public IReadOnlySet<ProblemMove> AllowedMoves(Actor actor) =>
        Enum.GetValues<ProblemMove>().Where(m => RefusalOf(m, actor) is null).ToHashSet();

    /// <summary>Why this actor may not take this move now (the message the command refuses with), or null.</summary>
    public HallBoardException? RefusalOf(ProblemMove move, Actor actor) =>
        MayTake(move, actor) ? StateRefusal(move) : new ForbiddenException(Actor.NoRightMessage);

    private KnowledgeRuleException? StateRefusal(ProblemMove move) => move switch
    {
        ProblemMove.StartAnalysis when Status != ProblemStatus.Open => Illegal("开始分析"),
        ProblemMove.RecordWorkaround when IsFinished => Illegal("记录临时方案"),
        ProblemMove.Resolve when IsFinished => Illegal("标记解决"),
        ProblemMove.SubmitToBureau when IsFinished => Illegal("登记提交日期"),
        ProblemMove.CloseAsDuplicate when IsFinished => Illegal("作为重复问题关闭"),
        ProblemMove.Discuss when Status == ProblemStatus.Duplicate => Illegal("记录讨论"),
        ProblemMove.LinkTicket when Status == ProblemStatus.Duplicate => new("该问题已作为重复问题关闭，请关联到原问题。"),
        ProblemMove.DraftArticle when Status != ProblemStatus.Resolved || Resolution is null => new("疑难问题解决后才能生成知识条目。"),
        ProblemMove.DraftArticle when ArticleId is not null => new("该疑难问题已生成过知识条目。"),
        _ => null,
    };

    private void RequireState(ProblemMove move)
    {
        if (StateRefusal(move) is { } refused) throw refused;
    }

    public void StartAnalysis(DateTime nowUtc)
    {
        RequireState(ProblemMove.StartAnalysis);
        Move(ProblemStatus.Analysing, nowUtc);
    }

    /// <summary>A way around the cause that taxpayers can be helped with until it is fixed.</summary>
    public void RecordWorkaround(string workaround, DateTime nowUtc)
    {
        RequireState(ProblemMove.RecordWorkaround);
        Workaround = KnowledgeText.Required(workaround, "workaround", "临时方案", MaxText);
        Move(ProblemStatus.WorkaroundKnown, nowUtc);
    }

    public void Resolve(string resolution, DateTime nowUtc)
    {
        RequireState(ProblemMove.Resolve);
        Resolution = KnowledgeText.Required(resolution, "resolution", "解决方案", MaxText);
        ResolvedUtc = nowUtc;
        Move(ProblemStatus.Resolved, nowUtc);
    }

    /// <summary>Closes this problem as the same cause as <paramref name="original"/>, of the same hall.</summary>
    public void CloseAsDuplicateOf(Problem original, DateTime nowUtc)
    {
        RequireState(ProblemMove.CloseAsDuplicate);
        if (original.Id == Id) throw new KnowledgeRuleException("不能标记为与自身重复。");
        if (original.HallId != HallId) throw new KnowledgeRuleException("只能与本厅的疑难问题合并。");
        if (original.Status == ProblemStatus.Duplicate)
            throw new KnowledgeRuleException("目标问题本身已作为重复问题关闭，请选择原问题。");
        DuplicateOfId = original.Id;
        Move(ProblemStatus.Duplicate, nowUtc);
    }

    /// <summary>The day the problem was handed to the bureau's ops authority (提交税务局运维主管部门).</summary>
    public void SubmitToBureau(DateOnly day, DateOnly today, DateTime nowUtc)
    {
        RequireState(ProblemMove.SubmitToBureau);
        if (day > today) throw ValidationFailedException.For("submitted", "提交日期不能晚于今天。");
        if (day < DateOnly.FromDateTime(CreatedUtc).AddDays(-1))
            throw ValidationFailedException.For("submitted", "提交日期不能早于问题登记日期。");
        SubmittedToBureau = day;
        Touch(nowUtc);
    }

    /// <summary>One entry of the discussion with the bureau: who said it, when, what.</summary>
    public ProblemNote Discuss(string who, string text, Actor by, DateTime nowUtc)
    {
        RequireState(ProblemMove.Discuss);
        var note = new ProblemNote
        {
            Who = KnowledgeText.Required(who, "who", "发言人", MaxWho),
            Text = KnowledgeText.Required(text, "text", "讨论内容", MaxNote),
            AtUtc = nowUtc,
            ActorId = by.Id,
            ActorName = by.Name,
        };
        _notes.Add(note);
        Touch(nowUtc);
        return note;
    }

    /// <summary>Tickets can be linked while the problem is not merged into another one.</summary>
    public void RequireLinkable(int ticketHallId)
    {
        RequireState(ProblemMove.LinkTicket);
        if (ticketHallId != HallId)
            throw new KnowledgeRuleException("只能关联本厅的工单。");
    }

    /// <summary>The draft article a resolved problem becomes: its title as the question, the resolution as steps.</summary>
    public ArticleContent ArticleDraft(Channel channel)
    {
        RequireState(ProblemMove.DraftArticle);
        var resolution = Resolution!;
        var steps = ArticleContent.SplitSteps(resolution);
        return new ArticleContent
        {
            Question = Title,
            Steps = steps.Count > 0 ? steps : [resolution],
            Channel = channel,
            Category = Category,
            Tags = ["疑难问题"],
        };
    }

    public void DraftedAs(int articleId, DateTime nowUtc)
    {
        ArticleId = articleId;
        Touch(nowUtc);
    }

    private void Move(ProblemStatus to, DateTime nowUtc)
    {
        Status = to;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }

    private KnowledgeRuleException Illegal(string action) => new($"疑难问题当前为“{Labels.Of(Status)}”，不能{action}。");
}

public sealed class ProblemNote
{
    public long Id { get; private set; }
    public int ProblemId { get; private set; }
    public DateTime AtUtc { get; init; }
    public required string Who { get; init; }
    public required string Text { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
}

/// <summary>A ticket caused by a problem; a ticket belongs to at most one problem.</summary>
public sealed class ProblemTicket
{
    public int ProblemId { get; set; }
    public int TicketId { get; set; }
    public DateTime LinkedUtc { get; set; }
    public required string LinkedBy { get; set; }
}
