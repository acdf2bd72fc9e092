using HallBoard.Domain;

namespace HallBoard.Features.Knowledge;

/// <summary>
/// One question and its numbered answer steps, kept by a hall: 草稿 → 已发布 → 已停用.
/// A draft is edited in place; an edit of a published article keeps the previous version.
/// </summary>
public sealed class KnowledgeArticle
{
    /// <summary>Steps are stored one a line; a step itself never holds a line break.</summary>
    public const char StepSeparator = '\n';

    private readonly List<KnowledgeArticleVersion> _versions = [];

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Question { get; private set; } = "";
    public string Steps { get; private set; } = "";
    public Channel Channel { get; private set; }
    public Category Category { get; private set; }
    public string Tags { get; private set; } = "";
    public ArticleStatus Status { get; private set; }

    /// <summary>The published version number: 0 while a draft, 1 at first publication, +1 per published edit.</summary>
    public int PublishedVersion { get; private set; }
    public int UseCount { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime UpdatedUtc { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime? PublishedUtc { get; private set; }
    public DateTime? RetiredUtc { get; private set; }
    public int? SourceTicketId { get; private set; }
    public int? SourceProblemId { get; private set; }

    /// <summary>The normalized question and steps the search confirms a fragment against.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Optimistic concurrency: every change increments it.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<KnowledgeArticleVersion> Versions => _versions;

    public IReadOnlyList<string> StepList => Steps.Split(StepSeparator, StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public ArticleContent Content => new()
    {
        Question = Question, Steps = StepList, Channel = Channel, Category = Category, Tags = TagList,
    };

    private KnowledgeArticle() { }

    public static KnowledgeArticle Draft(int hallId, ArticleContent content, Actor by, DateTime nowUtc,
        int? sourceTicketId = null, int? sourceProblemId = null)
    {
        var article = new KnowledgeArticle
        {
            HallId = hallId,
            Status = ArticleStatus.Draft,
            CreatedUtc = nowUtc,
            CreatedBy = by.Name,
            SourceTicketId = sourceTicketId,
            SourceProblemId = sourceProblemId,
        };
        article.Apply(content.Validated(), by, nowUtc);
        return article;
    }

    /// <summary>Edits the text. A published article keeps its previous version and numbers the new one.</summary>
    public void Edit(ArticleContent content, Actor by, DateTime nowUtc)
    {
        if (Status == ArticleStatus.Retired)
            throw new KnowledgeRuleException("已停用的知识条目不能再修改。");
        var valid = content.Validated();
        if (Status == ArticleStatus.Published)
        {
            if (Same(valid)) throw new KnowledgeRuleException("内容没有变化，无需保存新版本。");
            _versions.Add(KnowledgeArticleVersion.Of(this));
            PublishedVersion++;
            PublishedUtc = nowUtc;
        }
        Apply(valid, by, nowUtc);
    }

    public void Publish(Actor by, DateTime nowUtc)
    {
        if (Status != ArticleStatus.Draft)
            throw Illegal("发布");
        Status = ArticleStatus.Published;
        PublishedVersion = 1;
        PublishedUtc = nowUtc;
        Touch(by, nowUtc);
    }

    public void Retire(Actor by, DateTime nowUtc)
    {
        if (Status != ArticleStatus.Published)
            throw Illegal("停用");
        Status = ArticleStatus.Retired;
        RetiredUtc = nowUtc;
        Touch(by, nowUtc);
    }

    /// <summary>One more ticket resolved with this article's help; only a published article can be linked.</summary>
    public void CountUse()
    {
        if (Status != ArticleStatus.Published)
            throw new KnowledgeRuleException("只能引用已发布的知识条目。");
        UseCount++;
        Revision++;
    }

    private bool Same(ArticleContent c) =>
        c.Question == Question && string.Join(StepSeparator, c.Steps) == Steps && c.Channel == Channel
        && c.Category == Category && string.Join(',', c.Tags) == Tags;

    private void Apply(ArticleContent c, Actor by, DateTime nowUtc)
    {
        Question = c.Question;
        Steps = string.Join(StepSeparator, c.Steps);
        Channel = c.Channel;
        Category = c.Category;
        Tags = string.Join(',', c.Tags);
        SearchText = KnowledgeSearchText.Of(Question, c.Steps);
        Touch(by, nowUtc);
    }

    private void Touch(Actor by, DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        UpdatedBy = by.Name;
        Revision++;
    }

    private KnowledgeRuleException Illegal(string action) =>
        new($"知识条目当前为“{Labels.Of(Status)}”，不能{action}。");
}

/// <summary>A published version of an article as it was before a later edit replaced it.</summary>
public sealed class KnowledgeArticleVersion
{
    public long Id { get; private set; }
    public int ArticleId { get; private set; }
    public int Version { get; private set; }
    public string Question { get; private set; } = "";
    public string Steps { get; private set; } = "";
    public Channel Channel { get; private set; }
    public Category Category { get; private set; }
    public string Tags { get; private set; } = "";
    public DateTime PublishedUtc { get; private set; }
    public string PublishedBy { get; private set; } = "";

    public IReadOnlyList<string> StepList => Steps.Split(KnowledgeArticle.StepSeparator, StringSplitOptions.RemoveEmptyEntries);

    private KnowledgeArticleVersion() { }

    internal static KnowledgeArticleVersion Of(KnowledgeArticle a) => new()
    {
        ArticleId = a.Id,
        Version = a.PublishedVersion,
        Question = a.Question,
        Steps = a.Steps,
        Channel = a.Channel,
        Category = a.Category,
        Tags = a.Tags,
        PublishedUtc = a.PublishedUtc ?? a.UpdatedUtc,
        PublishedBy = a.UpdatedBy,
    };
}

/// <summary>A ticket resolved with an article's help (counted for the handbook's order).</summary>
public sealed class KnowledgeUse
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public int TicketId { get; set; }
    public int HallId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
}

/// <summary>One 2-character gram of an article's search text (the search's index).</summary>
public sealed class KnowledgeGram
{
    public int ArticleId { get; set; }
    public required string Gram { get; set; }
}
