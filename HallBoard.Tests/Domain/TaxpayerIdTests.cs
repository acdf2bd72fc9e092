using HallBoard.Domain.Validation;

namespace HallBoard.Tests.Domain;

/// <summary>
/// Every sample below was checked by computing its check character independently (GB 32100-2015 mod 31,
/// GB 11643-1999 mod 11, GB 11714 mod 11); none is guessed.
/// </summary>
public class TaxpayerIdTests
{
    // ---- Unified social credit codes -------------------------------------------------------------------------

    [Theory]
    [InlineData("91350100M000100Y43")] // widely published sample
    [InlineData("91110000600037341L")]
    [InlineData("91110108551385082Q")]
    [InlineData("91440300708461136T")]
    [InlineData("11100000000013127D")] // authority 1 (机构编制)
    [InlineData("51110000500000000B")] // authority 5 (民政)
    [InlineData("Y1110000MA0000000U")] // authority Y (其他)
    [InlineData("A1110000MA0000000G")]
    [InlineData("N2110000MA00000001")]
    [InlineData("911100006000000052")] // all digits, starts with 9: not an ID
    public void Valid_unified_social_credit_codes(string code)
    {
        var check = TaxpayerId.Check(code);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(TaxpayerIdKind.UnifiedSocialCreditCode, check.Kind);
        Assert.Equal(code, check.Normalized);
        Assert.Null(check.Error);
    }

    [Theory]
    [InlineData("  91350100M000100Y43  ", "91350100M000100Y43")]
    [InlineData("9135 0100 M000 100Y 43", "91350100M000100Y43")]
    [InlineData("91350100m000100y43", "91350100M000100Y43")]
    [InlineData("\t91350100M000100Y43\r\n", "91350100M000100Y43")]
    [InlineData("9135\u30000100M000100Y43", "91350100M000100Y43")] // ideographic space
    [InlineData("\u200B91350100M000100Y43", "91350100M000100Y43")] // zero-width space from copy-paste
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43")] // full-width input
    public void Input_is_normalized(string input, string normalized)
    {
        var check = TaxpayerId.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(TaxpayerIdKind.UnifiedSocialCreditCode, check.Kind);
        Assert.Equal(normalized, check.Normalized);
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4A")]
    [InlineData("91110000600037341K")]
    [InlineData("91440300708461136U")]
    [InlineData("91350100M000100Y34")] // transposed
    [InlineData("913501000000100Y43")] // one character changed
    public void Wrong_credit_code_check_character_is_rejected(string code)
    {
        var check = TaxpayerId.Check(code);

        Assert.False(check.IsValid);
        Assert.Equal(TaxpayerIdKind.Unknown, check.Kind);
        Assert.Equal("统一社会信用代码校验位错误", check.Error);
    }

    [Theory]
    [InlineData("91350100I000100Y43")]
    [InlineData("91350100O000100Y43")]
    [InlineData("91350100Z000100Y43")]
    [InlineData("91350100S000100Y43")]
    [InlineData("91350100V000100Y43")]
    [InlineData("91350100M000100Y4O")] // check position
    public void Letters_I_O_Z_S_V_are_not_in_the_credit_code_charset(string code)
    {
        var check = TaxpayerId.Check(code);

        Assert.False(check.IsValid);
        Assert.Equal("统一社会信用代码不能包含I、O、Z、S、V", check.Error);
    }

    [Theory]
    [InlineData("B1110000MA0000000F")] // correct check character, but B is no registration authority
    [InlineData("010105194912310026")] // starts with 0: neither an authority nor a province
    public void Unknown_registration_authority_is_rejected(string code)
    {
        var check = TaxpayerId.Check(code);

        Assert.False(check.IsValid);
        Assert.Equal("统一社会信用代码登记管理部门代码无效", check.Error);
    }

    [Fact]
    public void Administrative_division_code_must_be_digits()
    {
        // Check character 'Y' is correct for these 17 characters; only the region "35A100" is wrong.
        var check = TaxpayerId.Check("9135A100M000100Y4Y");

        Assert.False(check.IsValid);
        Assert.Equal("统一社会信用代码行政区划码无效", check.Error);
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91440300708461136T")]
    [InlineData("Y1110000MA0000000U")]
    public void Every_single_character_substitution_is_detected(string code)
    {
        const string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in charset)
            {
                if (replacement == code[position]) continue;
                var mutated = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));

                var check = TaxpayerId.Check(mutated);

                Assert.False(check.IsValid, $"{mutated} should be invalid");
            }
        }
    }

    // ---- Resident identity card numbers ----------------------------------------------------------------------

    [Theory]
    [InlineData("11010519491231002X", "11010519491231002X")] // sample from GB 11643-1999
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData("110101200002290018", "110101200002290018")] // 29 Feb in a leap year
    [InlineData("510102198506151231", "510102198506151231")]
    [InlineData("310115201212310005", "310115201212310005")]
    [InlineData("110105 19491231 002X", "11010519491231002X")]
    public void Valid_resident_ids(string input, string normalized)
    {
        var check = TaxpayerId.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(TaxpayerIdKind.ResidentId, check.Kind);
        Assert.Equal(normalized, check.Normalized);
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310020")]
    [InlineData("510102198506151232")]
    [InlineData("51010219850615123X")]
    public void Wrong_resident_id_check_digit_is_rejected(string id)
    {
        var check = TaxpayerId.Check(id);

        Assert.False(check.IsValid);
        Assert.Equal(TaxpayerIdKind.Unknown, check.Kind);
        Assert.Equal("身份证号码校验位错误", check.Error);
    }

    [Theory]
    [InlineData("110101199002300014")] // 30 Feb (check digit correct)
    [InlineData("110101190002290011")] // 29 Feb 1900: not a leap year
    [InlineData("110101199013010012")] // month 13
    [InlineData("440524188001010014")] // 1880: before 1900
    public void Impossible_birth_date_is_rejected(string id)
    {
        var check = TaxpayerId.Check(id);

        Assert.False(check.IsValid);
        Assert.Equal("出生日期无效", check.Error);
    }

    [Fact]
    public void Future_birth_date_is_rejected_only_when_today_is_given()
    {
        const string bornIn2030 = "440301203001010011";

        Assert.Equal(TaxpayerIdKind.ResidentId, TaxpayerId.Check(bornIn2030).Kind);
        Assert.True(TaxpayerId.Check(bornIn2030, new DateOnly(2030, 1, 1)).IsValid);

        var check = TaxpayerId.Check(bornIn2030, new DateOnly(2029, 12, 31));
        Assert.False(check.IsValid);
        Assert.Equal("出生日期无效", check.Error);
    }

    [Fact]
    public void All_digit_credit_code_that_is_no_valid_id_is_accepted_as_credit_code()
    {
        // 17 digits + digit starting with 1 looks like an ID, but "00400000" is no date; the mod-31 check passes.
        var check = TaxpayerId.Check("121100004000000001");

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(TaxpayerIdKind.UnifiedSocialCreditCode, check.Kind);
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("510102198506151231")]
    public void Every_single_digit_substitution_in_an_id_is_detected(string id)
    {
        for (var position = 0; position < 17; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == id[position]) continue;
                var mutated = string.Concat(id.AsSpan(0, position), digit.ToString(), id.AsSpan(position + 1));

                // An all-digit string may by chance be a valid credit code; it must never pass as an ID.
                Assert.NotEqual(TaxpayerIdKind.ResidentId, TaxpayerId.Check(mutated).Kind);
            }
        }
    }

    // ---- Legacy numbers ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("110108600037341")] // region + organisation code 60003734-1
    [InlineData("440301708461136")] // region + organisation code 70846113-6
    [InlineData("350100M000100Y4")] // organisation code with letters: M000100Y-4
    [InlineData("350100m000100y4")]
    [InlineData("110105491231002")] // old 15-digit resident ID (1949-12-31), organisation check not met
    [InlineData("110101001231002")] // old 15-digit resident ID (1900-12-31)
    public void Valid_15_character_numbers(string input)
    {
        var check = TaxpayerId.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(TaxpayerIdKind.Legacy15, check.Kind);
        Assert.Equal(input.ToUpperInvariant(), check.Normalized);
    }

    [Theory]
    [InlineData("110108600037342")] // check 2 instead of 1, and "600037" is no yyMMdd date
    [InlineData("350100M000100Y5")]
    [InlineData("350100M000100YX")]
    [InlineData("110105491331002")] // month 13 and organisation check not met
    public void Wrong_organisation_code_check_is_rejected(string input)
    {
        var check = TaxpayerId.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal("组织机构代码校验位错误", check.Error);
    }

    [Fact]
    public void Fifteen_characters_need_a_numeric_region()
    {
        var check = TaxpayerId.Check("A10108600037341");

        Assert.False(check.IsValid);
        Assert.Equal("纳税人识别号格式不正确", check.Error);
    }

    [Theory]
    [InlineData("11010519491231002", TaxpayerIdKind.Legacy17)]
    [InlineData("1101054912310020A", TaxpayerIdKind.Legacy17)]
    [InlineData("11010519491231002X01", TaxpayerIdKind.Legacy20)] // resident ID + 2-digit sequence
    [InlineData("11010519491231002x01", TaxpayerIdKind.Legacy20)]
    [InlineData("3501000M000100Y4AB12", TaxpayerIdKind.Legacy20)] // no check character to verify
    public void Legacy_17_and_20_character_numbers_are_accepted(string input, TaxpayerIdKind kind)
    {
        var check = TaxpayerId.Check(input);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(kind, check.Kind);
        Assert.Equal(input.ToUpperInvariant(), check.Normalized);
    }

    // ---- Malformed input -----------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\t")]
    public void Missing_input_asks_for_a_number(string? input)
    {
        var check = TaxpayerId.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(TaxpayerIdKind.Unknown, check.Kind);
        Assert.Equal("", check.Normalized);
        Assert.Equal("请输入纳税人识别号", check.Error);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("9135010")]
    [InlineData("91350100M00010")] // 14
    [InlineData("91350100M000100Y")] // 16
    [InlineData("91350100M000100Y43X")] // 19
    [InlineData("11010519491231002X012")] // 21
    [InlineData("91350100M000100Y4391350100M000100Y43")]
    public void Wrong_length_is_rejected(string input)
    {
        var check = TaxpayerId.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(TaxpayerIdKind.Unknown, check.Kind);
        Assert.Equal("纳税人识别号应为15、17、18或20位", check.Error);
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("91350100M000100Y4<")]
    [InlineData("91350100-M000100Y43")]
    [InlineData("9135010０M000100Y4３'")]
    [InlineData("91350100M000100Y4３;DROP TABLE")]
    [InlineData("91350100Ｍ000100Ｙ4é")]
    [InlineData("9135ı100M000100Y43")] // dotless i must not be upper-cased to I
    [InlineData("纳税人识别号")]
    public void Characters_other_than_digits_and_letters_are_rejected(string input)
    {
        var check = TaxpayerId.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(TaxpayerIdKind.Unknown, check.Kind);
        Assert.Equal("包含非法字符", check.Error);
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("11010519491231002X")]
    [InlineData("110108600037341")]
    [InlineData("11010519491231002X01")]
    public void Checking_the_normalized_form_again_gives_the_same_result(string input)
    {
        var first = TaxpayerId.Check(input.ToLowerInvariant());
        var second = TaxpayerId.Check(first.Normalized);

        Assert.Equal(first, second);
    }

    // ---- Masking -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("91350100M000100Y43", "9135**********0Y43")]
    [InlineData("9135 0100 m000 100y 43", "9135**********0Y43")]
    [InlineData("11010519491231002X", "1101**********002X")]
    [InlineData("110108600037341", "1101*******7341")]
    [InlineData("11010519491231002X01", "1101************2X01")]
    [InlineData("123456789012", "1234****9012")]
    [InlineData("12345678901", "1**********")]
    [InlineData("ABC", "A**")]
    [InlineData("A", "A")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Mask_hides_the_middle(string input, string expected)
    {
        Assert.Equal(expected, TaxpayerId.Mask(input));
    }

    [Fact]
    public void Mask_keeps_the_length_of_a_full_number()
    {
        foreach (var id in new[] { "91350100M000100Y43", "11010519491231002X", "110108600037341", "11010519491231002" })
        {
            var masked = TaxpayerId.Mask(id);
            Assert.Equal(id.Length, masked.Length);
            Assert.Equal(id.Length - 8, masked.Count(c => c == '*'));
        }
    }
}
