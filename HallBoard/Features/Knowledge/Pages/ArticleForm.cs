using HallBoard.Domain;

namespace HallBoard.Features.Knowledge.Pages;

/// <summary>What the article editor holds while it is filled in: steps one a line, tags in one box.</summary>
public sealed class ArticleForm
{
    public string Question { get; set; } = "";
    public string Steps { get; set; } = "";
    public Channel Channel { get; set; } = Channel.ETaxWeb;
    public Category Category { get; set; } = Category.Filing;
    public string Tags { get; set; } = "";

    public static ArticleForm From(ArticleContent c) => new()
    {
        Question = c.Question,
        Steps = string.Join("\n", c.Steps.Select((s, i) => $"{i + 1}. {s}")),
        Channel = c.Channel,
        Category = c.Category,
        Tags = string.Join("，", c.Tags),
    };

    public ArticleContent ToContent() => new()
    {
        Question = Question,
        Steps = ArticleContent.SplitSteps(Steps),
        Channel = Channel,
        Category = Category,
        Tags = ArticleContent.SplitTags(Tags),
    };
}
