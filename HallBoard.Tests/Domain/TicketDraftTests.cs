using HallBoard.Domain;

namespace HallBoard.Tests.Domain;

public sealed class TicketDraftTests
{
    private static readonly TicketDraft Valid = new()
    {
        TaxpayerName = "某某科技有限公司",
        TaxpayerId = "91350100M000100Y43",
        TaxpayerPhone = "13800138000",
        Channel = Channel.SelfServiceTerminal,
        Category = Category.Invoice,
        Kind = TicketKind.Guidance,
        Priority = Priority.High,
        Description = "自助终端领用发票后打印失败",
    };

    [Fact]
    public void An_empty_draft_names_the_missing_fields_in_chinese()
    {
        var failed = Assert.Throws<ValidationFailedException>(() => new TicketDraft().Validated());

        Assert.Equal(["description", "taxpayerName"], failed.Errors.Keys.Order());
        Assert.Equal(["请填写纳税人名称。"], failed.Errors["taxpayerName"]);
        Assert.Equal(["请填写问题描述。"], failed.Errors["description"]);
        Assert.Contains("请填写纳税人名称。", failed.Message);
        Assert.Contains("请填写问题描述。", failed.Message);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once_under_its_own_key()
    {
        var draft = Valid with { TaxpayerName = "  ", TaxpayerId = "12345", TaxpayerPhone = "12345678901234", Description = "" };

        var failed = Assert.Throws<ValidationFailedException>(() => draft.Validated());

        Assert.Equal(["description", "taxpayerId", "taxpayerName", "taxpayerPhone"], failed.Errors.Keys.Order());
        Assert.All(failed.Errors.Values.SelectMany(m => m), message => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message));
        Assert.Equal(["纳税人识别号应为15、17、18或20位"], failed.Errors["taxpayerId"]);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "统一社会信用代码校验位错误")]
    [InlineData("9135010OM000100Y43", "统一社会信用代码不能包含I、O、Z、S、V")]
    [InlineData("913501-0M000100Y43", "包含非法字符")]
    public void A_wrong_taxpayer_id_is_explained(string id, string message)
    {
        var failed = Assert.Throws<ValidationFailedException>(() => (Valid with { TaxpayerId = id }).Validated());

        Assert.Equal(["taxpayerId"], failed.Errors.Keys);
        Assert.Equal([message], failed.Errors["taxpayerId"]);
    }

    [Theory]
    [InlineData("1380013800", "手机号码格式不正确")]
    [InlineData("138001380001", "手机号码格式不正确")]
    [InlineData("87654321", "固定电话格式不正确")]
    [InlineData("电话13800138000", "联系电话包含非法字符")]
    public void A_wrong_phone_is_explained(string phone, string message)
    {
        var failed = Assert.Throws<ValidationFailedException>(() => (Valid with { TaxpayerPhone = phone }).Validated());

        Assert.Equal(["taxpayerPhone"], failed.Errors.Keys);
        Assert.Equal([message], failed.Errors["taxpayerPhone"]);
    }

    [Fact]
    public void Markup_in_the_name_is_refused()
    {
        var failed = Assert.Throws<ValidationFailedException>(() => (Valid with { TaxpayerName = "<b>张三</b>" }).Validated());

        Assert.Equal(["纳税人名称不能包含 HTML 标记或脚本。"], failed.Errors["taxpayerName"]);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("打印失败<img src=x onerror=alert(1)>")]
    [InlineData("见 javascript:alert(1)")]
    public void Markup_in_the_description_is_refused(string description)
    {
        var failed = Assert.Throws<ValidationFailedException>(() => (Valid with { Description = description }).Validated());

        Assert.Equal(["description"], failed.Errors.Keys);
        Assert.Equal(["问题描述不能包含 HTML 标记或脚本。"], failed.Errors["description"]);
    }

    [Fact]
    public void Text_that_merely_mentions_comparisons_is_not_markup()
    {
        var draft = (Valid with { Description = "税额 < 500 元 且 > 100 元时提示错误" }).Validated();

        Assert.Equal("税额 < 500 元 且 > 100 元时提示错误", draft.Description);
    }

    [Fact]
    public void Over_long_name_and_description_are_refused_with_their_limits()
    {
        var draft = Valid with { TaxpayerName = new string('张', 101), Description = new string('问', Ticket.MaxText + 1) };

        var failed = Assert.Throws<ValidationFailedException>(() => draft.Validated());

        Assert.Equal(["纳税人名称最多 100 字。"], failed.Errors["taxpayerName"]);
        Assert.Equal(["问题描述最多 2000 字。"], failed.Errors["description"]);
    }

    [Fact]
    public void Texts_at_their_limits_are_accepted()
    {
        var draft = (Valid with { TaxpayerName = new string('张', 100), Description = new string('问', Ticket.MaxText) }).Validated();

        Assert.Equal(100, draft.TaxpayerName.Length);
        Assert.Equal(Ticket.MaxText, draft.Description.Length);
    }

    [Fact]
    public void Unknown_choices_are_refused()
    {
        var draft = Valid with { Channel = (Channel)99, Category = (Category)99, Kind = (TicketKind)99, Priority = (Priority)99 };

        var failed = Assert.Throws<ValidationFailedException>(() => draft.Validated());

        Assert.Equal(["category", "channel", "kind", "priority"], failed.Errors.Keys.Order());
    }

    [Fact]
    public void A_valid_draft_comes_back_normalised()
    {
        var draft = Valid with
        {
            TaxpayerName = "  某某科技有限公司 ",
            TaxpayerId = " 91350100m000100y43 ",
            TaxpayerPhone = "+86 138-0013-8000",
            Description = "\n自助终端领用发票后打印失败  ",
        };

        var valid = draft.Validated();

        Assert.Equal("某某科技有限公司", valid.TaxpayerName);
        Assert.Equal("91350100M000100Y43", valid.TaxpayerId);
        Assert.Equal("13800138000", valid.TaxpayerPhone);
        Assert.Equal("自助终端领用发票后打印失败", valid.Description);
        Assert.Equal(Channel.SelfServiceTerminal, valid.Channel);
        Assert.Equal(Priority.High, valid.Priority);
    }

    [Theory]
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43")]
    public void A_taxpayer_id_is_upper_cased_and_made_half_width(string typed, string stored)
    {
        Assert.Equal(stored, (Valid with { TaxpayerId = typed }).Validated().TaxpayerId);
    }

    [Theory]
    [InlineData("0591 87654321", "0591-87654321")]
    [InlineData("(0591)87654321转123", "0591-87654321-123")]
    [InlineData("１３８ ００１３ ８０００", "13800138000")]
    [InlineData("12366", "12366")]
    public void A_phone_is_normalised(string typed, string stored)
    {
        Assert.Equal(stored, (Valid with { TaxpayerPhone = typed }).Validated().TaxpayerPhone);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Taxpayer_id_and_phone_are_optional(string? blank)
    {
        var valid = (Valid with { TaxpayerId = blank, TaxpayerPhone = blank }).Validated();

        Assert.Null(valid.TaxpayerId);
        Assert.Null(valid.TaxpayerPhone);
    }
}
