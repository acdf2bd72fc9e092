using HallBoard.Domain;

namespace HallBoard.Features.Knowledge;

/// <summary>What an author types for an article. <see cref="Validated"/> trims it and refuses empty,
/// oversize or marked-up text with a message per field.</summary>
public sealed record ArticleContent
{
    public const int MaxQuestion = 200;
    public const int MaxStep = 500;
    public const int MaxSteps = 20;
    public const int MaxTag = 20;
    public const int MaxTags = 10;

    public const string QuestionField = "question";
    public const string StepsField = "steps";
    public const string TagsField = "tags";

    public string Question { get; init; } = "";
    public IReadOnlyList<string> Steps { get; init; } = [];
    public Channel Channel { get; init; } = Channel.Other;
    public Category Category { get; init; } = Category.Other;
    public IReadOnlyList<string> Tags { get; init; } = [];

    public ArticleContent Validated()
    {
        var question = KnowledgeText.Required(Question, QuestionField, "问题", MaxQuestion, min: 2);
        if (question.Contains('\n'))
            throw ValidationFailedException.For(QuestionField, "问题只能写一行。");
        var steps = new List<string>();
        foreach (var raw in Steps)
        {
            var step = FreeText.Optional(raw?.ReplaceLineEndings(" "), StepsField, $"第 {steps.Count + 1} 步", MaxStep);
            if (step is not null) steps.Add(step);
        }
        if (steps.Count == 0)
            throw ValidationFailedException.For(StepsField, "请至少填写一个处理步骤。");
        if (steps.Count > MaxSteps)
            throw ValidationFailedException.For(StepsField, $"处理步骤最多 {MaxSteps} 步。");
        var tags = new List<string>();
        foreach (var raw in Tags)
        {
            var tag = FreeText.Optional(raw, TagsField, "标签", MaxTag);
            if (tag is null) continue;
            if (tag.Any(c => c is ',' or '，' || char.IsWhiteSpace(c)))
                throw ValidationFailedException.For(TagsField, "每个标签不能包含逗号或空格。");
            if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase)) tags.Add(tag);
        }
        if (tags.Count > MaxTags)
            throw ValidationFailedException.For(TagsField, $"标签最多 {MaxTags} 个。");
        if (!Enum.IsDefined(Channel))
            throw ValidationFailedException.For("channel", "渠道无效。");
        if (!Enum.IsDefined(Category))
            throw ValidationFailedException.For("category", "业务类别无效。");
        return this with { Question = question, Steps = steps, Tags = tags };
    }

    /// <summary>Tags as typed in one box: separated by commas (either width) or spaces.</summary>
    public static IReadOnlyList<string> SplitTags(string? text) =>
        (text ?? "").Split([',', '，', ' ', '　', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Steps as typed in one box: one a line; a leading "1." / "1、" / "（1）" number is dropped.</summary>
    public static IReadOnlyList<string> SplitSteps(string? text) =>
        (text ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(StripNumber).Where(s => s.Length > 0).ToList();

    private static string StripNumber(string line)
    {
        var i = 0;
        if (i < line.Length && line[i] is '(' or '（') i++;
        var digits = i;
        while (i < line.Length && char.IsAsciiDigit(line[i])) i++;
        if (i == digits || i > digits + 2) return line;
        if (i < line.Length && line[i] is '.' or '、' or ')' or '）' or '．')
            return line[(i + 1)..].Trim();
        return line;
    }
}
