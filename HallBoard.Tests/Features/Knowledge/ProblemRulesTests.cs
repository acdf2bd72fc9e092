using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>A difficult problem's states, with no database.</summary>
public sealed class ProblemRulesTests
{
    private static readonly Actor Lead = new("u9", "赵主任", null, 1);
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 5);

    private static Problem New(int hallId = 1) => Problem.Open(hallId, "发票开具时提示“签名服务器连接失败”", "多位纳税人下午集中反映", Category.Invoice, Lead, T0);

    [Fact]
    public void A_problem_moves_open_analysing_workaround_resolved()
    {
        var p = New();
        Assert.Equal(ProblemStatus.Open, p.Status);

        p.StartAnalysis(T0.AddHours(1));
        p.RecordWorkaround("改用自助终端开具", T0.AddHours(2));
        Assert.Equal((ProblemStatus.WorkaroundKnown, "改用自助终端开具"), (p.Status, p.Workaround));
        p.Resolve("1. 税务局更换签名服务器证书\n2. 通知纳税人重新登录", T0.AddDays(1));

        Assert.Equal(ProblemStatus.Resolved, p.Status);
        Assert.Equal(T0.AddDays(1), p.ResolvedUtc);
        var ex = Assert.Throws<KnowledgeRuleException>(() => p.StartAnalysis(T0));
        Assert.Equal("疑难问题当前为“已解决”，不能开始分析。", ex.Message);
        Assert.Throws<KnowledgeRuleException>(() => p.RecordWorkaround("x", T0));
        Assert.Throws<KnowledgeRuleException>(() => p.Resolve("again", T0));
    }

    [Fact]
    public void Analysis_starts_only_once_and_resolving_needs_a_resolution()
    {
        var p = New();
        p.StartAnalysis(T0);
        Assert.Throws<KnowledgeRuleException>(() => p.StartAnalysis(T0));

        var ex = Assert.Throws<ValidationFailedException>(() => p.Resolve("  ", T0));
        Assert.Equal(["请填写解决方案。"], ex.Errors["resolution"]);
        Assert.Equal(ProblemStatus.Analysing, p.Status);
    }

    [Fact]
    public void A_duplicate_closes_into_an_original_of_the_same_hall_only()
    {
        var original = New();
        SetId(original, 1);
        var duplicate = New();
        SetId(duplicate, 2);
        var elsewhere = New(hallId: 2);
        SetId(elsewhere, 3);

        Assert.Equal("只能与本厅的疑难问题合并。", Assert.Throws<KnowledgeRuleException>(() => duplicate.CloseAsDuplicateOf(elsewhere, T0)).Message);
        Assert.Equal("不能标记为与自身重复。", Assert.Throws<KnowledgeRuleException>(() => duplicate.CloseAsDuplicateOf(duplicate, T0)).Message);
        duplicate.CloseAsDuplicateOf(original, T0);

        Assert.Equal((ProblemStatus.Duplicate, 1), (duplicate.Status, duplicate.DuplicateOfId));
        Assert.Throws<KnowledgeRuleException>(() => duplicate.Discuss("王科长", "再议", Lead, T0));
        Assert.Throws<KnowledgeRuleException>(() => duplicate.RequireLinkable(1));
        var third = New();
        SetId(third, 4);
        Assert.Equal("目标问题本身已作为重复问题关闭，请选择原问题。", Assert.Throws<KnowledgeRuleException>(() => third.CloseAsDuplicateOf(duplicate, T0)).Message);
    }

    [Fact]
    public void Discussion_entries_keep_who_when_and_what_and_refuse_markup()
    {
        var p = New();
        p.Discuss("市局运维科 王科长", "已转厂商排查", Lead, T0.AddHours(3));

        var note = Assert.Single(p.Notes);
        Assert.Equal(("市局运维科 王科长", "已转厂商排查", T0.AddHours(3), "赵主任"), (note.Who, note.Text, note.AtUtc, note.ActorName));
        var ex = Assert.Throws<ValidationFailedException>(() => p.Discuss("王科长", "<img src=x onerror=alert(1)>", Lead, T0));
        Assert.Equal(["讨论内容不能包含 HTML 标记或脚本。"], ex.Errors["text"]);
        Assert.Single(p.Notes);
    }

    [Fact]
    public void The_submission_date_cannot_be_in_the_future()
    {
        var p = New();
        var ex = Assert.Throws<ValidationFailedException>(() => p.SubmitToBureau(Today.AddDays(1), Today, T0));
        Assert.Equal(["提交日期不能晚于今天。"], ex.Errors["submitted"]);

        p.SubmitToBureau(Today, Today, T0);
        Assert.Equal(Today, p.SubmittedToBureau);
    }

    [Fact]
    public void Only_a_resolved_problem_gives_an_article_draft_with_its_resolution_as_steps()
    {
        var p = New();
        Assert.Equal("疑难问题解决后才能生成知识条目。", Assert.Throws<KnowledgeRuleException>(() => p.ArticleDraft(Channel.ETaxWeb)).Message);
        p.Resolve("1. 更换签名服务器证书\n2. 通知纳税人重新登录", T0);

        var draft = p.ArticleDraft(Channel.ETaxWeb);

        Assert.Equal("发票开具时提示“签名服务器连接失败”", draft.Question);
        Assert.Equal(["更换签名服务器证书", "通知纳税人重新登录"], draft.Steps);
        Assert.Equal((Category.Invoice, Channel.ETaxWeb), (draft.Category, draft.Channel));
        p.DraftedAs(7, T0);
        Assert.Equal("该疑难问题已生成过知识条目。", Assert.Throws<KnowledgeRuleException>(() => p.ArticleDraft(Channel.ETaxWeb)).Message);
    }

    [Fact]
    public void Opening_needs_a_title_and_description_without_markup()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => Problem.Open(1, "", "x", Category.Invoice, Lead, T0));
        Assert.Equal(["请填写问题名称。"], ex.Errors["title"]);
        ex = Assert.Throws<ValidationFailedException>(() => Problem.Open(1, "标题", "<script>", Category.Invoice, Lead, T0));
        Assert.Equal(["问题描述不能包含 HTML 标记或脚本。"], ex.Errors["description"]);
    }

    private static void SetId(Problem p, int id) =>
        typeof(Problem).GetProperty(nameof(Problem.Id))!.SetValue(p, id);
}
