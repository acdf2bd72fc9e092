using HallBoard.Domain;

namespace HallBoard.Features.Knowledge;

/// <summary>A knowledge article or a difficult problem refused a move; the message is shown as is.</summary>
public sealed class KnowledgeRuleException(string message) : HallBoardException(message);

public enum ArticleStatus { Draft, Published, Retired }

/// <summary>Required free text of articles and problems (<see cref="FreeText"/> with a minimum length), and labels.</summary>
public static class KnowledgeText
{
    public static string Required(string? text, string field, string label, int max, int min = 1)
    {
        var value = FreeText.Optional(text, field, label, max);
        if (value is null)
            throw ValidationFailedException.For(field, $"请填写{label}。");
        if (value.Length < min)
            throw ValidationFailedException.For(field, $"{label}至少 {min} 个字。");
        return value;
    }
}
