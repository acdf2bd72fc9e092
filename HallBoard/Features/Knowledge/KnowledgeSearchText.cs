using System.Text;

namespace HallBoard.Features.Knowledge;

/// <summary>
/// Chinese search without word segmentation, portable to any SQL database: an article's text is cut into every
/// overlapping 2-character gram; a query's grams must all be present (an indexed lookup), and the candidates are
/// then confirmed by a plain substring check on the same normalized text.
/// </summary>
public static class KnowledgeSearchText
{
    /// <summary>Full-width letters and digits become half-width, Latin letters lower-case, runs of blanks one space.</summary>
    public static string Normalize(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        var blank = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                blank = sb.Length > 0;
                continue;
            }
            if (blank) sb.Append(' ');
            blank = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The text a search looks in: question and steps, each normalized, one a line.</summary>
    public static string Of(string question, IEnumerable<string> steps) =>
        string.Join('\n', steps.Prepend(question).Select(Normalize));

    /// <summary>Every distinct 2-character gram (characters counted as Unicode scalars) not holding a blank.</summary>
    public static IReadOnlySet<string> Grams(string normalized)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        var runes = normalized.EnumerateRunes().ToList();
        for (var i = 0; i + 1 < runes.Count; i++)
        {
            if (Rune.IsWhiteSpace(runes[i]) || Rune.IsWhiteSpace(runes[i + 1])) continue;
            grams.Add(runes[i].ToString() + runes[i + 1]);
        }
        return grams;
    }

    /// <summary>A query's terms (split at blanks), normalized. A query of single characters around blanks
    /// ("s 1") is one term as typed; a query of one character has none, since it would match nearly everything.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        var whole = Normalize(query);
        var terms = whole.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (terms.Any(t => Length(t) >= 2)) return terms;
        return Length(whole) >= 2 ? [whole] : [];
    }

    public static int Length(string text) => text.EnumerateRunes().Count();

    /// <summary>Whether every term occurs in the normalized text (the confirming check).</summary>
    public static bool Matches(string normalizedText, IEnumerable<string> terms) =>
        terms.All(t => normalizedText.Contains(t, StringComparison.Ordinal));

    /// <summary>The same decision in memory: whether the search would find this text for the query.</summary>
    public static bool Finds(string question, IEnumerable<string> steps, string query)
    {
        var terms = Terms(query);
        if (terms.Count == 0) return false;
        var text = Of(question, steps);
        var grams = Grams(text);
        return terms.SelectMany(Grams).All(grams.Contains) && Matches(text, terms);
    }
}
