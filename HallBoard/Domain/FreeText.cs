namespace HallBoard.Domain;

/// <summary>Free text typed into a record (escalations, incidents, articles, problems): trimmed, bounded, no markup; a problem is a
/// <see cref="ValidationFailedException"/> on the named field with a Chinese message.</summary>
public static class FreeText
{
    public static string Required(string? text, string field, string label, int max) =>
        Optional(text, field, label, max) ?? throw ValidationFailedException.For(field, $"请填写{label}。");

    public static string? Optional(string? text, string field, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (value.Length > max)
            throw ValidationFailedException.For(field, $"{label}过长（最多 {max} 字）。");
        if (TextRules.Problem(value) is { } why)
            throw ValidationFailedException.For(field, label + why);
        return value;
    }
}
