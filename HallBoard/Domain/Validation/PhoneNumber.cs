using System.Text;

namespace HallBoard.Domain.Validation;

/// <summary>What kind of Chinese telephone number a contact number turned out to be.</summary>
public enum PhoneKind
{
    Unknown,

    /// <summary>11-digit mobile number 1[3-9]xxxxxxxxx.</summary>
    Mobile,

    /// <summary>Fixed line with area code, e.g. 010-62345678 or 0755-86013388-1234.</summary>
    Landline,

    /// <summary>Public service numbers: 12xxx (e.g. 12366), 95xxx, 400/800 numbers.</summary>
    Service,
}

/// <summary>Outcome of <see cref="PhoneNumber.Check"/>. <see cref="Kind"/> is <see cref="PhoneKind.Unknown"/> whenever
/// <see cref="IsValid"/> is false. <see cref="Normalized"/> is the canonical form when valid (mobile: 11 digits;
/// landline: "0755-86013388" or "0755-86013388-1234"; service: digits only) and the trimmed input otherwise.
/// <see cref="Error"/> is a short Simplified Chinese message for users, null when valid.</summary>
public readonly record struct PhoneCheck(bool IsValid, PhoneKind Kind, string Normalized, string? Error);

/// <summary>Pure validation of mainland China telephone numbers.</summary>
public static class PhoneNumber
{
    private const string ErrEmpty = "请输入联系电话";
    private const string ErrIllegalChars = "联系电话包含非法字符";
    private const string ErrFormat = "联系电话格式不正确";
    private const string ErrMobile = "手机号码格式不正确";
    private const string ErrLandline = "固定电话格式不正确";

    /// <summary>
    /// Validates and classifies a contact number. Accepted input: digits with spaces, '-' and parentheses as
    /// separators; mobile numbers may carry a +86 / 0086 / 86 prefix; landlines may carry +86 / 0086 (with or
    /// without the leading 0 of the area code) and an extension written "-1234" or "转1234".
    /// </summary>
    public static PhoneCheck Check(string? input)
    {
        var s = Prepare(input);
        if (s.Length == 0) return Invalid(s, ErrEmpty);
        foreach (var c in s)
            if (!IsDigit(c) && c is not ('+' or '-' or ' ' or '(' or ')' or '转')) return Invalid(s, ErrIllegalChars);

        // Extension written with 转 ("0755-86013388转1234").
        var main = s;
        string? extension = null;
        var zhuan = s.IndexOf('转');
        if (zhuan >= 0)
        {
            extension = s[(zhuan + 1)..].Trim();
            main = s[..zhuan].Trim();
            if (main.Length == 0 || !IsExtension(extension)) return Invalid(s, ErrLandline);
        }

        // '+' may only introduce the country code, optionally inside parentheses: "(+86) 138 1234 5678".
        var plusAt = main.IndexOf('+');
        if (plusAt >= 0 && (main.LastIndexOf('+') != plusAt || main.AsSpan(0, plusAt).ContainsAnyExcept('(', ' ')))
            return Invalid(s, ErrFormat);

        // Extension written with a dash: the last dash-separated group, tried only if the number without it is a
        // valid landline and the whole is not ("0755-86013388-1234" but "0755-8601-3388" is a plain number).
        string? dashTail = null;
        var lastDash = main.LastIndexOf('-');
        if (extension is null && lastDash >= 0)
        {
            var tail = main[(lastDash + 1)..].Trim();
            if (IsExtension(tail)) dashTail = tail;
        }

        var digits = DigitsOf(main);
        var international = false;
        if (plusAt >= 0)
        {
            if (!digits.StartsWith("86", StringComparison.Ordinal)) return Invalid(s, ErrFormat);
            digits = digits[2..];
            international = true;
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
            international = true;
        }
        else if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            digits = digits[2..]; // "86 138 1234 5678"
        }

        if (digits.Length == 0) return Invalid(s, ErrFormat);

        // Internationally the area code is written without its leading 0 ("+86 755 8601 3388", "+86 10 …").
        // No mobile number starts with 10, so Beijing's code is safe to restore before the mobile check.
        if (international && (digits[0] is >= '2' and <= '9' || digits.StartsWith("10", StringComparison.Ordinal))
            && !IsServiceNumber(digits))
            digits = "0" + digits;

        if (digits[0] == '1')
        {
            if (extension is null && IsServiceNumber(digits)) return Valid(PhoneKind.Service, digits);
            if (extension is null && digits.Length == 11 && digits[1] is >= '3' and <= '9')
                return Valid(PhoneKind.Mobile, digits);
            return Invalid(s, ErrMobile);
        }

        if (extension is null && IsServiceNumber(digits)) return Valid(PhoneKind.Service, digits);

        if (digits[0] == '0')
        {
            if (TryLandline(digits, out var area, out var local))
                return Valid(PhoneKind.Landline, Landline(area, local, extension));
            if (dashTail is not null && dashTail.Length < digits.Length
                && TryLandline(digits[..^dashTail.Length], out area, out local))
                return Valid(PhoneKind.Landline, Landline(area, local, dashTail));
            return Invalid(s, ErrLandline);
        }

        // 7-8 digits without an area code: a local landline number, which is not enough to call back.
        return Invalid(s, digits.Length is 7 or 8 ? ErrLandline : ErrFormat);
    }

    /// <summary>
    /// Masks a number for public screens: mobile "13812345678" → "138****5678"; landline
    /// "0755-86013388" → "0755-****3388" (extension kept); service numbers are public and returned as normalised.
    /// Anything else keeps its first 3 and last 4 characters (or only its first character when 7 or shorter).
    /// </summary>
    public static string Mask(string phone)
    {
        var check = Check(phone);
        if (check.IsValid)
        {
            var n = check.Normalized;
            switch (check.Kind)
            {
                case PhoneKind.Mobile:
                    return string.Concat(n.AsSpan(0, 3), "****", n.AsSpan(7));
                case PhoneKind.Landline:
                    var parts = n.Split('-');
                    var local = parts[1];
                    var masked = parts[0] + "-" + new string('*', local.Length - 4) + local[^4..];
                    return parts.Length > 2 ? masked + "-" + parts[2] : masked;
                case PhoneKind.Service:
                    return n;
            }
        }

        var s = check.Normalized;
        if (s.Length == 0) return string.Empty;
        if (s.Length <= 7) return string.Concat(s.AsSpan(0, 1), new string('*', s.Length - 1));
        return string.Concat(s.AsSpan(0, 3), new string('*', s.Length - 7), s.AsSpan(s.Length - 4));
    }

    /// <summary>Area code 010 or 02x (3 digits) or 0[3-9]xx (4 digits), then a 7-8 digit local number starting 2-9.</summary>
    private static bool TryLandline(string digits, out string area, out string local)
    {
        area = local = string.Empty;
        if (digits.Length < 3 || digits[0] != '0') return false;
        var areaLength = digits[1] switch
        {
            '1' when digits[2] == '0' => 3,
            '2' => 3,
            >= '3' and <= '9' => 4,
            _ => 0,
        };
        if (areaLength == 0 || digits.Length <= areaLength) return false;
        var rest = digits[areaLength..];
        if (rest.Length is not (7 or 8) || rest[0] is < '2' or > '9') return false;
        area = digits[..areaLength];
        local = rest;
        return true;
    }

    /// <summary>12xxx government hotlines (12366 tax, 12345 …), 95xxx enterprise numbers, 400/800 numbers.</summary>
    private static bool IsServiceNumber(string digits) => digits.Length switch
    {
        5 => digits.StartsWith("12", StringComparison.Ordinal) || digits.StartsWith("95", StringComparison.Ordinal),
        10 => digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal),
        _ => false,
    };

    private static string Landline(string area, string local, string? extension) =>
        extension is null ? $"{area}-{local}" : $"{area}-{local}-{extension}";

    private static bool IsExtension(string text) => text.Length is >= 1 and <= 6 && text.All(IsDigit);

    private static string DigitsOf(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (IsDigit(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>Maps full-width characters to ASCII (Chinese IMEs often produce "１３８" or "－"), turns any
    /// whitespace into a plain space and other dashes into '-', drops zero-width characters, and trims.</summary>
    private static string Prepare(string? input)
    {
        if (string.IsNullOrEmpty(input)) return string.Empty;
        var sb = new StringBuilder(input.Length);
        foreach (var ch in input)
        {
            var c = ch is >= '\uFF01' and <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch;
            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            if (char.IsWhiteSpace(c)) c = ' ';
            else if (c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212') c = '-';
            sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static PhoneCheck Valid(PhoneKind kind, string normalized) => new(true, kind, normalized, null);

    private static PhoneCheck Invalid(string s, string error) => new(false, PhoneKind.Unknown, s, error);
}
