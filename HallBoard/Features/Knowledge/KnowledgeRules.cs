using HallBoard.Domain;

namespace HallBoard.Features.Knowledge;

/// <summary>A knowledge article or a difficult problem refused a move; the message is shown as is.</summary>
public sealed class KnowledgeRuleException(string message) : HallBoardException(message);

public enum ArticleStatus { Draft, Published, Retired }

/// <summary>Checks free text of articles and problems: trimmed, required or optional, bounded, no markup.
/// Refusals are <see cref="ValidationFailedException"/> keyed by field, with a Chinese message.</summary>
public static class KnowledgeText
{
    public static string Required(string? text, string field, string label, int max, int min = 1)
    {
        var value = Optional(text, field, label, max);
        if (value is null)
            throw ValidationFailedException.For(field, $"请填写{label}。");
        if (value.Length < min)
            throw ValidationFailedException.For(field, $"{label}至少 {min} 个字。");
        return value;
    }

    public static string? Optional(string? text, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (value.Length > max)
            throw ValidationFailedException.For(field, $"{label}过长（最多 {max} 字）。");
        if (TextRules.HasMarkup(value))
            throw ValidationFailedException.For(field, label + TextRules.MarkupMessage);
        return value;
    }

    public static string Label(ArticleStatus s) => s switch
    {
        ArticleStatus.Draft => "草稿",
        ArticleStatus.Published => "已发布",
        ArticleStatus.Retired => "已停用",
        _ => s.ToString(),
    };
}
