using HallBoard.Domain.Validation;

namespace HallBoard.Tests.Domain;

public class PhoneNumberTests
{
    // ---- Mobile --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData(" 13812345678 ", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("+8613812345678", "13812345678")]
    [InlineData("+86-138-1234-5678", "13812345678")]
    [InlineData("(+86) 13812345678", "13812345678")]
    [InlineData("0086 13812345678", "13812345678")]
    [InlineData("008613812345678", "13812345678")]
    [InlineData("8613812345678", "13812345678")]
    [InlineData("86 138 1234 5678", "13812345678")]
    [InlineData("１３８１２３４５６７８", "13812345678")] // full-width digits from a Chinese IME
    [InlineData("138\u2014 1234\u20135678", "13812345678")] // em and en dashes
    [InlineData("\u200B13812345678", "13812345678")]
    [InlineData("13012345678", "13012345678")]
    [InlineData("14712345678", "14712345678")]
    [InlineData("15912345678", "15912345678")]
    [InlineData("16612345678", "16612345678")]
    [InlineData("17712345678", "17712345678")]
    [InlineData("18812345678", "18812345678")]
    [InlineData("19912345678", "19912345678")]
    public void Valid_mobile_numbers(string input, string normalized)
    {
        var check = PhoneNumber.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(PhoneKind.Mobile, check.Kind);
        Assert.Equal(normalized, check.Normalized);
        Assert.Null(check.Error);
    }

    [Theory]
    [InlineData("12812345678")] // second digit 2
    [InlineData("11012345678")]
    [InlineData("10012345678")]
    [InlineData("1381234567")] // 10 digits
    [InlineData("138123456789")] // 12 digits
    [InlineData("+86 1381234567")]
    [InlineData("13812345678转123")] // mobiles have no extension
    [InlineData("138")]
    public void Invalid_mobile_numbers(string input)
    {
        var check = PhoneNumber.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(PhoneKind.Unknown, check.Kind);
        Assert.Equal("手机号码格式不正确", check.Error);
    }

    // ---- Landline ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("010-62345678", "010-62345678")]
    [InlineData("01062345678", "010-62345678")]
    [InlineData("(010) 6234 5678", "010-62345678")]
    [InlineData("020 87654321", "020-87654321")]
    [InlineData("029-88886666", "029-88886666")]
    [InlineData("0755-86013388", "0755-86013388")]
    [InlineData("075586013388", "0755-86013388")]
    [InlineData("(0755)86013388", "0755-86013388")]
    [InlineData("0755 8601 3388", "0755-86013388")]
    [InlineData("0755-8601-3388", "0755-86013388")]
    [InlineData("0571-85022088", "0571-85022088")]
    [InlineData("0898-6512345", "0898-6512345")] // 7-digit local number
    [InlineData("0755-86013388-1234", "0755-86013388-1234")]
    [InlineData("0755-86013388转1234", "0755-86013388-1234")]
    [InlineData("0755-86013388 转 8", "0755-86013388-8")]
    [InlineData("010-62345678-123456", "010-62345678-123456")]
    [InlineData("010-6234-5678-123", "010-62345678-123")]
    [InlineData("+86 755 8601 3388", "0755-86013388")]
    [InlineData("+86 10 62345678", "010-62345678")]
    [InlineData("+86 (0)21 62345678", "021-62345678")]
    [InlineData("0086-21-62345678", "021-62345678")]
    [InlineData("０７５５－８６０１３３８８", "0755-86013388")] // full-width
    public void Valid_landlines(string input, string normalized)
    {
        var check = PhoneNumber.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(PhoneKind.Landline, check.Kind);
        Assert.Equal(normalized, check.Normalized);
    }

    [Theory]
    [InlineData("0755-12345678")] // local number cannot start with 1
    [InlineData("0755-02345678")] // … or 0
    [InlineData("010-623456")] // 6 digits
    [InlineData("010-623456789")] // 9 digits
    [InlineData("0011-86013388")] // no area code starts 00
    [InlineData("011-62345678")] // 01x other than 010
    [InlineData("0755")]
    [InlineData("0755-86013388转")] // empty extension
    [InlineData("0755-86013388转1234567")] // extension too long
    [InlineData("0755-86013388转12转34")]
    [InlineData("转1234")]
    [InlineData("86013388")] // no area code
    [InlineData("6234567")]
    public void Invalid_landlines(string input)
    {
        var check = PhoneNumber.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(PhoneKind.Unknown, check.Kind);
        Assert.Equal("固定电话格式不正确", check.Error);
    }

    // ---- Service numbers -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("12366", "12366")] // tax service hotline
    [InlineData("12345", "12345")]
    [InlineData("95566", "95566")]
    [InlineData("400-820-8820", "4008208820")]
    [InlineData("4008208820", "4008208820")]
    [InlineData("800 810 8888", "8008108888")]
    public void Service_numbers(string input, string normalized)
    {
        var check = PhoneNumber.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(PhoneKind.Service, check.Kind);
        Assert.Equal(normalized, check.Normalized);
    }

    [Theory]
    [InlineData("40082088201")] // 11 digits
    [InlineData("500-820-8820")]
    [InlineData("4008208820转1")]
    [InlineData("96123")]
    [InlineData("+1 415 555 2671")] // not +86
    [InlineData("+86+13812345678")]
    [InlineData("138+12345678")]
    [InlineData("+")]
    [InlineData("---")]
    public void Other_numbers_have_a_generic_error(string input)
    {
        var check = PhoneNumber.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal("联系电话格式不正确", check.Error);
    }

    // ---- Malformed input -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Missing_input_asks_for_a_number(string? input)
    {
        var check = PhoneNumber.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(PhoneKind.Unknown, check.Kind);
        Assert.Equal("", check.Normalized);
        Assert.Equal("请输入联系电话", check.Error);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<script>")]
    [InlineData("138abcd5678")]
    [InlineData("13812345678#")]
    [InlineData("tel:13812345678")]
    [InlineData("0755-86013388 ext 12")]
    [InlineData("13812345678;DROP TABLE")]
    public void Characters_other_than_digits_and_separators_are_rejected(string input)
    {
        var check = PhoneNumber.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(PhoneKind.Unknown, check.Kind);
        Assert.Equal("联系电话包含非法字符", check.Error);
    }

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("(0755) 8601 3388 转 1234")]
    [InlineData("+86 10 62345678")]
    [InlineData("400-820-8820")]
    public void Checking_the_normalized_form_again_gives_the_same_result(string input)
    {
        var first = PhoneNumber.Check(input);
        var second = PhoneNumber.Check(first.Normalized);

        Assert.True(first.IsValid, first.Error);
        Assert.Equal(first, second);
    }

    // ---- Masking -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0755-86013388", "0755-****3388")]
    [InlineData("(010) 6234 5678", "010-****5678")]
    [InlineData("0898-6512345", "0898-***2345")]
    [InlineData("0755-86013388转1234", "0755-****3388-1234")]
    [InlineData("12366", "12366")] // public hotline, nothing to hide
    [InlineData("400-820-8820", "4008208820")]
    [InlineData("12812345678", "128****5678")] // invalid: first 3 and last 4 kept
    [InlineData("abc", "a**")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    public void Mask_hides_the_middle(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Mask(input));
    }
}
