using System.Text.RegularExpressions;

namespace HallBoard.Domain;

/// <summary>Free text is stored as typed and always rendered as text; markup is refused up front so
/// that exports, reports and other systems fed by the API never receive it either. Invisible characters
/// (control, zero-width, direction overrides) are refused too: they make a name look like another one,
/// reorder what a reader sees (a bidi override can turn "txt.exe" around) or break exports.</summary>
public static partial class TextRules
{
    public const string MarkupMessage = "不能包含 HTML 标记或脚本。";
    public const string HiddenMessage = "不能包含控制字符、零宽字符或文字方向控制符。";

    public static bool HasMarkup(string text) => TagPattern().IsMatch(text);

    /// <summary>Control characters (line breaks and tabs allowed only when <paramref name="multiline"/>),
    /// zero-width and direction-control characters, and lone surrogates.</summary>
    public static bool HasHidden(string text, bool multiline = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiline) return true;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsHidden(c)) return true;
        }
        return false;
    }

    /// <summary>Why a text is refused (to follow its field's label, e.g. "问题描述" + reason), or null when it is fine.</summary>
    public static string? Problem(string text, bool multiline = true) =>
        HasHidden(text, multiline) ? HiddenMessage : HasMarkup(text) ? MarkupMessage : null;

    /// <summary>A name, a code or a title: one line, nothing hidden, no markup.</summary>
    public static string? NameProblem(string text) => Problem(text, multiline: false);

    private static bool IsHidden(char c) =>
        char.IsControl(c) // C0, DEL and C1
        || char.IsSurrogate(c) // a surrogate without its pair
        || c is >= '\u200B' and <= '\u200F' // zero-width space, non-joiner, joiner; LRM, RLM
        || c is >= '\u202A' and <= '\u202E' // embeddings and overrides
        || c is >= '\u2066' and <= '\u2069' // isolates
        || c is '\u2060' or '\uFEFF' or '\u061C' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';

    [GeneratedRegex(@"<\s*[A-Za-z/!?]|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();
}
