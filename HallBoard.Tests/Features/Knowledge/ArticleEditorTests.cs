using AngleSharp.Dom;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Knowledge.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The article editor and pages, against the real services.</summary>
public sealed class ArticleEditorTests(HallAppFactory app) : KnowledgeBunit(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task A_new_article_is_saved_as_a_draft_with_its_steps_numbered_and_opened()
    {
        var question = $"个税APP无法绑定银行卡{Guid.NewGuid():N}"[..18];
        var page = RenderPage<ArticleEditPage>();

        await Type(page, "article-question", question);
        await page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "手机APP").Click());
        await page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == "个税").Click());
        await Type(page, "article-steps", "1. 确认银行卡为本人一类卡\n\n2、在APP中重新绑定");
        await Type(page, "article-tags", "个税，银行卡");
        await Click(page, "保存草稿");

        page.WaitForAssertion(() => Assert.Matches(@"/knowledge/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var saved = await App.Get<KnowledgeQueries>().GetAsync(id, HallId);
        Assert.NotNull(saved);
        Assert.Equal((question, ArticleStatus.Draft, Channel.MobileApp, Category.IndividualIncomeTax),
            (saved.Row.Question, saved.Row.Status, saved.Row.Channel, saved.Row.Category));
        Assert.Equal(["确认银行卡为本人一类卡", "在APP中重新绑定"], saved.Row.Steps);
        Assert.Equal(["个税", "银行卡"], saved.Row.Tags);
    }

    [Fact]
    public async Task Markup_and_an_empty_question_are_explained_under_their_fields_and_nothing_is_saved()
    {
        var before = await App.WithDbAsync(db => db.KnowledgeArticles.CountAsync());
        var page = RenderPage<ArticleEditPage>();

        await Type(page, "article-steps", "打开<script>alert(1)</script>");
        await Click(page, "保存草稿");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("请填写问题。", FieldOf(page, "article-question").TextContent);
            Assert.Contains("请按提示修改后再保存。", page.Find("[role=alert]").TextContent);
        });
        await Type(page, "article-question", "正常的问题");
        await Click(page, "保存草稿");
        page.WaitForAssertion(() => Assert.Contains("第 1 步不能包含 HTML 标记或脚本。", FieldOf(page, "article-steps").TextContent));
        Assert.Equal(before, await App.WithDbAsync(db => db.KnowledgeArticles.CountAsync()));
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task Editing_a_published_article_warns_of_the_new_version_and_the_detail_page_lists_the_old_one()
    {
        var article = await App.PublishedAsync(Me, "社保费缴费失败怎么办", "核对缴费金额 < 上限 & 下限");
        var edit = RenderPage<ArticleEditPage>(p => p.Add(x => x.Id, article.Id));
        edit.WaitForAssertion(() => Assert.Contains("保存后成为第 2 版", edit.Markup));

        await Type(edit, "article-steps", "1. 核对缴费金额\n2. 更换银行卡后重试");
        await Click(edit, "保存修改");
        edit.WaitForAssertion(() => Assert.EndsWith($"/knowledge/{article.Id}", Navigation.Uri));

        var detail = Render<ArticleDetailPage>(p => p.Add(x => x.Id, article.Id));
        detail.WaitForAssertion(() =>
        {
            Assert.Equal(["核对缴费金额", "更换银行卡后重试"], detail.FindAll(".hb-article-steps").First().Children.Select(li => li.TextContent));
            Assert.Contains("第 1 版", detail.Find(".hb-article-versions").TextContent);
        });
        // Text is rendered as text: the old step's "<" and "&" arrive encoded, not as markup.
        Assert.Contains("核对缴费金额 &lt; 上限 &amp; 下限", detail.Markup);
    }

    [Fact]
    public async Task Publishing_from_the_detail_page_moves_a_draft_to_published()
    {
        var draft = await App.Get<KnowledgeCommands>().CreateAsync(HallId, KnowledgeApp.Article("待发布的条目", "步骤"), Me);
        var engineerView = RenderPage<ArticleDetailPage>(p => p.Add(x => x.Id, draft.Id));
        engineerView.WaitForAssertion(() => Assert.Contains("草稿", engineerView.Find(".hb-ticket-head").TextContent));
        // Engineers draft; only the lead sees 发布.
        Assert.DoesNotContain(engineerView.FindAll("button"), b => b.TextContent.Trim() == "发布");
        await SignInAsAsync("lead");
        var page = RenderPage<ArticleDetailPage>(p => p.Add(x => x.Id, draft.Id));
        page.WaitForAssertion(() => Assert.Contains("草稿", page.Find(".hb-ticket-head").TextContent));

        await Click(page, "发布");

        page.WaitForAssertion(() => Assert.Contains("已发布", page.Find(".hb-ticket-head").TextContent));
        Assert.Equal(ArticleStatus.Published, (await App.Get<KnowledgeQueries>().GetAsync(draft.Id, HallId))!.Row.Status);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "停用");
    }

    private static IElement FieldOf<T>(IRenderedComponent<T> page, string inputId) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around #{inputId}.");
}
