using HallBoard.Domain;
using HallBoard.Domain.Validation;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Reports.Export;

namespace HallBoard.Tests.Domain;

/// <summary>What intake, feedback and every filter refuse, with the message a user reads.</summary>
public sealed class TextRulesTests
{
    public static TheoryData<string> Hidden => new()
    {
        "张\u0000三", "张\u0007三", "张\u007F三", "张\u0085三", "张\u200B三", "张\u200C三", "张\u200D三", "张\u2060三", "\uFEFF张三",
        "张\u202A三", "张\u202B三", "张\u202C三", "张\u202D三", "\u202Eexe.txt", "张\u2066三", "张\u2067三", "张\u2068三", "张\u2069三",
    };

    [Theory, MemberData(nameof(Hidden))]
    public void A_name_with_an_invisible_character_is_refused_with_a_message(string name)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Draft(name: name).Validated());

        Assert.Equal(["纳税人名称不能包含控制字符、零宽字符或文字方向控制符。"], error.Errors["taxpayerName"]);
    }

    [Theory, MemberData(nameof(Hidden))]
    public void Free_text_with_an_invisible_character_is_refused_in_the_description_and_in_feedback(string text)
    {
        var ticket = Assert.Throws<ValidationFailedException>(() => Draft(description: text).Validated());
        Assert.Equal(["问题描述不能包含控制字符、零宽字符或文字方向控制符。"], ticket.Errors["description"]);

        var feedback = Assert.Throws<ValidationFailedException>(() => new FeedbackDraft { Kind = FeedbackKind.Suggestion, Content = text }.Validated());
        Assert.Equal(["意见内容不能包含控制字符、零宽字符或文字方向控制符。"], feedback.Errors["content"]);

        var free = Assert.Throws<ValidationFailedException>(() => FreeText.Required(text, "reason", "升级原因", 200));
        Assert.Equal(["升级原因不能包含控制字符、零宽字符或文字方向控制符。"], free.Errors["reason"]);
    }

    [Fact]
    public void A_lone_surrogate_is_refused_in_names_and_free_text()
    {
        // Not theory data: test runners replace a lone surrogate in a serialised argument with U+FFFD.
        foreach (var text in new[] { "张\uD800三", "张\uDC00三", "张三\uD83D" })
        {
            var name = Assert.Throws<ValidationFailedException>(() => Draft(name: text).Validated());
            Assert.Equal(["纳税人名称不能包含控制字符、零宽字符或文字方向控制符。"], name.Errors["taxpayerName"]);
            Assert.Equal(TextRules.HiddenMessage, TextRules.Problem(text));
        }
    }

    [Fact]
    public void Line_breaks_are_kept_in_free_text_but_refused_in_names_and_emoji_pass()
    {
        var draft = Draft(name: "厦门😀贸易有限公司", description: "第一步：登录\r\n第二步：\t申领").Validated();
        Assert.Equal("第一步：登录\r\n第二步：\t申领", draft.Description);
        Assert.Equal("厦门😀贸易有限公司", draft.TaxpayerName);

        var error = Assert.Throws<ValidationFailedException>(() => Draft(name: "厦门\n贸易").Validated());
        Assert.Contains("控制字符", error.Errors["taxpayerName"][0]);
    }

    [Fact]
    public void A_resident_id_born_after_today_is_refused_when_the_hall_today_is_given()
    {
        // 110105 2030-01-01 … with a valid check digit: valid shape, a birth date in the future.
        var id = WithCheckDigit("11010520300101001");
        Assert.True(TaxpayerId.Check(id).IsValid);

        var error = Assert.Throws<ValidationFailedException>(() => Draft(id: id).Validated(new DateOnly(2026, 12, 5)));

        Assert.Equal(["出生日期无效"], error.Errors["taxpayerId"]);
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31", "开始日期 9999-12-31 超出可选范围（2000-01-01 至 2099-12-31）。")]
    [InlineData("0001-01-01", "0001-01-01", "开始日期 0001-01-01 超出可选范围（2000-01-01 至 2099-12-31）。")]
    [InlineData("2026-01-01", "9999-12-31", "结束日期 9999-12-31 超出可选范围（2000-01-01 至 2099-12-31）。")]
    [InlineData("2025-01-01", "2026-01-02", "日期范围最长 366 天，请缩小范围。")]
    public void A_dashboard_period_at_the_ends_of_the_calendar_or_too_long_is_refused(string from, string to, string message)
    {
        var error = Assert.Throws<ValidationFailedException>(() => DashboardPeriod.FromQuery(from, to));

        Assert.Equal([message], error.Errors["period"]);
    }

    [Fact]
    public void An_export_is_capped_at_three_years_and_refuses_days_outside_the_calendar()
    {
        Assert.NotNull(ExportFilter.FromQuery(null, "2023-01-01", "2025-12-31", null, null));

        var tooLong = Assert.Throws<ValidationFailedException>(() => ExportFilter.FromQuery(null, "2022-01-01", "2025-12-31", null, null));
        Assert.Equal([$"日期范围最长 {DayRange.ExportMaxDays} 天，请缩小范围。"], tooLong.Errors["to"]);

        var edge = Assert.Throws<ValidationFailedException>(() => ExportFilter.FromQuery(null, "9999-12-31", "9999-12-31", null, null));
        Assert.Equal(["开始日期 9999-12-31 超出可选范围（2000-01-01 至 2099-12-31）。"], edge.Errors["from"]);
    }

    private static TicketDraft Draft(string name = "厦门某贸易有限公司", string description = "无法登录电子税务局", string? id = null) => new()
    {
        TaxpayerName = name, TaxpayerId = id, Description = description,
    };

    private static string WithCheckDigit(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
