using System.Text.RegularExpressions;

namespace HallBoard.Domain;

/// <summary>Free text is stored as typed and always rendered as text; markup is refused up front so
/// that exports, reports and other systems fed by the API never receive it either.</summary>
public static partial class TextRules
{
    public static bool HasMarkup(string text) => TagPattern().IsMatch(text);

    public const string MarkupMessage = "不能包含 HTML 标记或脚本。";

    [GeneratedRegex(@"<\s*[A-Za-z/!?]|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();
}
