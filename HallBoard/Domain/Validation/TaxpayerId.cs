using System.Globalization;
using System.Text;

namespace HallBoard.Domain.Validation;

/// <summary>What kind of number a taxpayer identifier turned out to be.</summary>
public enum TaxpayerIdKind
{
    Unknown,

    /// <summary>18-character unified social credit code (GB 32100-2015).</summary>
    UnifiedSocialCreditCode,

    /// <summary>18-digit resident identity card number (GB 11643-1999), used by individuals.</summary>
    ResidentId,

    /// <summary>15 characters: old tax registration number (6-digit region + 9-character organisation code)
    /// or an old 15-digit resident ID.</summary>
    Legacy15,

    /// <summary>17 characters: legacy number without a check character.</summary>
    Legacy17,

    /// <summary>20 characters: legacy number (e.g. resident ID + 2-digit sequence for individual businesses).</summary>
    Legacy20,
}

/// <summary>Outcome of <see cref="TaxpayerId.Check"/>. <see cref="Kind"/> is <see cref="TaxpayerIdKind.Unknown"/>
/// whenever <see cref="IsValid"/> is false; <see cref="Error"/> is a short Simplified Chinese message for users and
/// is null when valid. <see cref="Normalized"/> is the input with spaces removed and letters upper-cased (also
/// when invalid, so a form can show what was checked).</summary>
public readonly record struct TaxpayerIdCheck(bool IsValid, TaxpayerIdKind Kind, string Normalized, string? Error);

/// <summary>Pure validation of Chinese taxpayer identification numbers (纳税人识别号).</summary>
public static class TaxpayerId
{
    private const string ErrEmpty = "请输入纳税人识别号";
    private const string ErrIllegalChars = "包含非法字符";
    private const string ErrLength = "纳税人识别号应为15、17、18或20位";
    private const string ErrFormat = "纳税人识别号格式不正确";
    private const string ErrUsccCheck = "统一社会信用代码校验位错误";
    private const string ErrUsccLetters = "统一社会信用代码不能包含I、O、Z、S、V";
    private const string ErrUsccAuthority = "统一社会信用代码登记管理部门代码无效";
    private const string ErrUsccRegion = "统一社会信用代码行政区划码无效";
    private const string ErrIdCheck = "身份证号码校验位错误";
    private const string ErrBirthDate = "出生日期无效";
    private const string ErrOrgCodeCheck = "组织机构代码校验位错误";

    /// <summary>GB 32100-2015 code characters: digits and upper-case letters without I, O, Z, S, V.</summary>
    private const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Registration authority codes (first character) defined by GB 32100-2015 and its amendments.</summary>
    private const string UsccAuthorities = "123456789ANY";

    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdCheckChars = "10X98765432";

    private static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// Validates and classifies a taxpayer identification number.
    /// </summary>
    /// <param name="input">What the user typed; spaces are ignored and letters are upper-cased.</param>
    /// <param name="today">When given, birth dates after this day are rejected; when null there is no future check.</param>
    public static TaxpayerIdCheck Check(string? input, DateOnly? today = null)
    {
        var s = Normalize(input);
        if (s.Length == 0) return Invalid(s, ErrEmpty);
        if (!IsUpperAlphanumeric(s)) return Invalid(s, ErrIllegalChars);

        return s.Length switch
        {
            18 => Check18(s, today),
            15 => Check15(s, today),
            // 17- and 20-character numbers are legacy formats (old resident ID + sequence, resident ID + 2-digit
            // sequence for individual businesses, numbers assigned by local tax bureaus). They carry no check
            // character of their own, so beyond the character set there is nothing that can be verified reliably;
            // a 20-character number whose first 18 are a valid resident ID is simply one case of this.
            17 => Valid(TaxpayerIdKind.Legacy17, s),
            20 => Valid(TaxpayerIdKind.Legacy20, s),
            _ => Invalid(s, ErrLength),
        };
    }

    /// <summary>
    /// Masks an identifier for public screens: keeps the first 4 and last 4 characters and replaces the middle
    /// with '*', e.g. "91350100M000100Y43" → "9135**********0Y43". Strings shorter than 12 characters keep only
    /// their first character. The input is normalised (spaces removed, upper-cased) first.
    /// </summary>
    public static string Mask(string id)
    {
        var s = Normalize(id);
        if (s.Length == 0) return string.Empty;
        if (s.Length < 12) return string.Concat(s.AsSpan(0, 1), new string('*', s.Length - 1));
        return string.Concat(s.AsSpan(0, 4), new string('*', s.Length - 8), s.AsSpan(s.Length - 4));
    }

    private static TaxpayerIdCheck Check18(string s, DateOnly? today)
    {
        // A resident ID is 17 digits + digit/X with a province code 1-8. Such a string may also be an all-digit
        // credit code, so it is tried as both; the ID error is reported when neither fits.
        var looksLikeId = IsDigits(s, 0, 17) && (IsDigit(s[17]) || s[17] == 'X') && s[0] is >= '1' and <= '8';
        if (looksLikeId)
        {
            var idError = ResidentIdError(s, today);
            if (idError is null) return Valid(TaxpayerIdKind.ResidentId, s);
            if (UsccError(s) is null) return Valid(TaxpayerIdKind.UnifiedSocialCreditCode, s);
            return Invalid(s, idError);
        }

        var usccError = UsccError(s);
        return usccError is null ? Valid(TaxpayerIdKind.UnifiedSocialCreditCode, s) : Invalid(s, usccError);
    }

    private static TaxpayerIdCheck Check15(string s, DateOnly? today)
    {
        // Old tax registration number: 6-digit administrative division code + 9-character organisation code.
        if (!IsDigits(s, 0, 6)) return Invalid(s, ErrFormat);
        if (IsValidOrgCode(s.AsSpan(6, 9))) return Valid(TaxpayerIdKind.Legacy15, s);
        // Individuals were registered under their old 15-digit resident ID (yyMMdd birth date, no check digit).
        if (IsDigits(s, 0, 15) && s[0] is >= '1' and <= '8' && IsValidBirthDate(s.AsSpan(6, 6), twoDigitYear: true, today))
            return Valid(TaxpayerIdKind.Legacy15, s);
        return Invalid(s, ErrOrgCodeCheck);
    }

    /// <summary>GB 11643-1999 checks for an 18-character string already known to be 17 digits + digit/X.</summary>
    private static string? ResidentIdError(string s, DateOnly? today)
    {
        if (!IsValidBirthDate(s.AsSpan(6, 8), twoDigitYear: false, today)) return ErrBirthDate;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (s[i] - '0') * ResidentIdWeights[i];
        return ResidentIdCheckChars[sum % 11] == s[17] ? null : ErrIdCheck;
    }

    /// <summary>GB 32100-2015 checks for an 18-character upper-case alphanumeric string.</summary>
    private static string? UsccError(string s)
    {
        foreach (var c in s)
            if (UsccCharset.IndexOf(c) < 0) return ErrUsccLetters;
        if (UsccAuthorities.IndexOf(s[0]) < 0) return ErrUsccAuthority;
        if (!IsDigits(s, 2, 6)) return ErrUsccRegion;

        var sum = 0;
        for (var i = 0; i < 17; i++) sum += UsccCharset.IndexOf(s[i]) * UsccWeights[i];
        var expected = UsccCharset[(31 - sum % 31) % 31];
        return expected == s[17] ? null : ErrUsccCheck;
    }

    /// <summary>GB 11714-1997 organisation code: 8 characters from 0-9A-Z (values 0-35) + check character.</summary>
    private static bool IsValidOrgCode(ReadOnlySpan<char> code)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = code[i];
            int value;
            if (IsDigit(c)) value = c - '0';
            else if (c is >= 'A' and <= 'Z') value = c - 'A' + 10;
            else return false;
            sum += value * OrgCodeWeights[i];
        }

        var check = 11 - sum % 11;
        var expected = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
        return code[8] == expected;
    }

    /// <summary>Parses yyyyMMdd, or yyMMdd meaning 19yy when <paramref name="twoDigitYear"/> is set. The year must
    /// be at least 1900 and, when <paramref name="today"/> is given, the date must not be later than it.</summary>
    private static bool IsValidBirthDate(ReadOnlySpan<char> digits, bool twoDigitYear, DateOnly? today)
    {
        var text = twoDigitYear ? string.Concat("19", digits) : digits.ToString();
        if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return false;
        if (date.Year < 1900) return false;
        return today is not DateOnly t || date <= t;
    }

    /// <summary>Removes all whitespace (including the ideographic space and zero-width characters that come with
    /// copy-paste), maps full-width ASCII (e.g. "９１３５") to half-width and upper-cases.</summary>
    private static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input)) return string.Empty;
        var sb = new StringBuilder(input.Length);
        foreach (var ch in input)
        {
            var c = ch is >= '\uFF01' and <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch;
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF') continue;
            // ASCII only: culture or Unicode case mapping would turn e.g. 'ı' or 'ſ' into 'I' or 'S'.
            sb.Append(c is >= 'a' and <= 'z' ? (char)(c - 32) : c);
        }
        return sb.ToString();
    }

    private static bool IsUpperAlphanumeric(string s)
    {
        foreach (var c in s)
            if (!IsDigit(c) && c is not (>= 'A' and <= 'Z')) return false;
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsDigits(string s, int start, int length)
    {
        for (var i = start; i < start + length; i++)
            if (!IsDigit(s[i])) return false;
        return true;
    }

    private static TaxpayerIdCheck Valid(TaxpayerIdKind kind, string s) => new(true, kind, s, null);

    private static TaxpayerIdCheck Invalid(string s, string error) => new(false, TaxpayerIdKind.Unknown, s, error);
}
