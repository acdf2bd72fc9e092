using HallBoard.Domain;
using HallBoard.Features.Knowledge;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>An article's states and versions, with no database.</summary>
public sealed class ArticleRulesTests
{
    private static readonly Actor Author = new("u1", "张伟", 1, 1);
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static ArticleContent Sample => new()
    {
        Question = "电子税务局登录提示身份认证失败", Steps = ["重新设置密码", "到个税APP完成实名认证"],
        Channel = Channel.ETaxWeb, Category = Category.LoginIdentity, Tags = ["登录"],
    };

    [Fact]
    public void A_new_article_is_a_draft_without_a_published_version()
    {
        var a = KnowledgeArticle.Draft(1, Sample, Author, T0);

        Assert.Equal(ArticleStatus.Draft, a.Status);
        Assert.Equal(0, a.PublishedVersion);
        Assert.Equal(["重新设置密码", "到个税APP完成实名认证"], a.StepList);
        Assert.Empty(a.Versions);
    }

    [Fact]
    public void Draft_publishes_then_retires_and_no_other_move_is_allowed()
    {
        var a = KnowledgeArticle.Draft(1, Sample, Author, T0);
        Assert.Equal("知识条目当前为“草稿”，不能停用。", Assert.Throws<KnowledgeRuleException>(() => a.Retire(Author, T0)).Message);

        a.Publish(Author, T0.AddHours(1));
        Assert.Equal((ArticleStatus.Published, 1), (a.Status, a.PublishedVersion));
        Assert.Equal("知识条目当前为“已发布”，不能发布。", Assert.Throws<KnowledgeRuleException>(() => a.Publish(Author, T0)).Message);

        a.Retire(Author, T0.AddHours(2));
        Assert.Equal(ArticleStatus.Retired, a.Status);
        Assert.Throws<KnowledgeRuleException>(() => a.Publish(Author, T0));
        Assert.Equal("已停用的知识条目不能再修改。", Assert.Throws<KnowledgeRuleException>(() => a.Edit(Sample, Author, T0)).Message);
        Assert.Equal("只能引用已发布的知识条目。", Assert.Throws<KnowledgeRuleException>(() => a.CountUse()).Message);
    }

    [Fact]
    public void Editing_a_draft_keeps_no_version_but_editing_a_published_article_keeps_the_previous_one()
    {
        var a = KnowledgeArticle.Draft(1, Sample, Author, T0);
        a.Edit(Sample with { Question = "登录提示身份认证失败" }, Author, T0.AddMinutes(5));
        Assert.Empty(a.Versions);

        a.Publish(Author, T0.AddHours(1));
        a.Edit(Sample with { Steps = ["清除浏览器缓存", "重新设置密码"] }, new Actor("u2", "王芳", 2, 1), T0.AddDays(1));

        Assert.Equal(2, a.PublishedVersion);
        Assert.Equal(ArticleStatus.Published, a.Status);
        Assert.Equal(["清除浏览器缓存", "重新设置密码"], a.StepList);
        var previous = Assert.Single(a.Versions);
        Assert.Equal(1, previous.Version);
        Assert.Equal("登录提示身份认证失败", previous.Question);
        Assert.Equal(["重新设置密码", "到个税APP完成实名认证"], previous.StepList);
        Assert.Equal(T0.AddHours(1), previous.PublishedUtc);
    }

    [Fact]
    public void A_published_edit_that_changes_nothing_is_refused()
    {
        var a = KnowledgeArticle.Draft(1, Sample, Author, T0);
        a.Publish(Author, T0);

        var ex = Assert.Throws<KnowledgeRuleException>(() => a.Edit(Sample with { Question = "  电子税务局登录提示身份认证失败 " }, Author, T0));

        Assert.Equal("内容没有变化，无需保存新版本。", ex.Message);
        Assert.Equal(1, a.PublishedVersion);
    }

    public static TheoryData<ArticleContent, string, string> Refused => new()
    {
        { Sample with { Question = "  " }, ArticleContent.QuestionField, "请填写问题。" },
        { Sample with { Question = "问" }, ArticleContent.QuestionField, "问题至少 2 个字。" },
        { Sample with { Question = new string('问', 201) }, ArticleContent.QuestionField, "问题过长（最多 200 字）。" },
        { Sample with { Question = "登录<script>alert(1)</script>" }, ArticleContent.QuestionField, "问题不能包含 HTML 标记或脚本。" },
        { Sample with { Steps = ["", "  "] }, ArticleContent.StepsField, "请至少填写一个处理步骤。" },
        { Sample with { Steps = ["打开<a href=x>链接</a>"] }, ArticleContent.StepsField, "第 1 步不能包含 HTML 标记或脚本。" },
        { Sample with { Steps = ["正常", "javascript:alert(1)"] }, ArticleContent.StepsField, "第 2 步不能包含 HTML 标记或脚本。" },
        { Sample with { Steps = [new string('步', 501)] }, ArticleContent.StepsField, "第 1 步过长（最多 500 字）。" },
        { Sample with { Steps = Enumerable.Range(1, 21).Select(i => $"步骤{i}").ToList() }, ArticleContent.StepsField, "处理步骤最多 20 步。" },
        { Sample with { Tags = ["<b>"] }, ArticleContent.TagsField, "标签不能包含 HTML 标记或脚本。" },
        { Sample with { Tags = [new string('签', 21)] }, ArticleContent.TagsField, "标签过长（最多 20 字）。" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Empty_oversize_or_marked_up_text_is_refused_with_a_message_for_its_field(ArticleContent content, string field, string message)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => KnowledgeArticle.Draft(1, content, Author, T0));

        Assert.Equal([message], ex.Errors[field]);
    }

    [Fact]
    public void Typed_steps_lose_their_numbers_and_blank_lines_and_tags_split_on_either_comma()
    {
        Assert.Equal(["打开证书工具", "续期", "(重新)插入UKey", "2024年版本"],
            ArticleContent.SplitSteps("1. 打开证书工具\r\n\r\n2、续期\n（3）(重新)插入UKey\n2024年版本"));
        Assert.Equal(["CA证书", "申报", "UKey"], ArticleContent.SplitTags("CA证书，申报, UKey"));
    }
}
