using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The knowledge base where engineers meet it: intake suggestions, citing while resolving, a draft from a ticket.</summary>
public sealed class KnowledgeInTicketsTests(HallAppFactory app) : KnowledgeBunit(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task Typing_a_description_at_intake_suggests_matching_published_articles()
    {
        var page = RenderPage<IntakePage>();

        await Type(page, "description", "纳税人的CA证书过期了，申报时报错");

        page.WaitForAssertion(() =>
        {
            var box = page.Find(".hb-knowledge-suggestions");
            Assert.Contains("CA证书过期后无法在电子税务局申报", box.TextContent);
            Assert.DoesNotContain("灵活就业人员社保缴费基数怎么选", box.TextContent);
        }, TimeSpan.FromSeconds(5));

        await Type(page, "description", "无关内容");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".hb-knowledge-suggestions")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Only_the_last_of_quick_keystrokes_is_looked_up()
    {
        var page = RenderPage<IntakePage>();

        await Type(page, "description", "社");
        await Type(page, "description", "社保");
        await Type(page, "description", "灵活就业社保缴费基数");

        page.WaitForAssertion(() => Assert.Contains("灵活就业人员社保缴费基数怎么选", page.Find(".hb-knowledge-suggestions").TextContent),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Citing_an_article_in_the_resolve_form_counts_its_use_once()
    {
        var ticket = await App.TicketAsync(Me, "自助终端领用发票后打印失败，提示缺纸");
        var before = await UsesAsync("自助办税终端领用发票后打印失败");
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, ticket.Id));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "解决"));

        await Click(page, "解决");
        page.WaitForAssertion(() => Assert.Contains("自助办税终端领用发票后打印失败", page.Find(".hb-resolve-knowledge").TextContent));
        await page.InvokeAsync(() => page.Find(".hb-resolve-knowledge").QuerySelectorAll("button")
            .First(b => b.TextContent.Trim() == "引用此条").Click());

        page.WaitForAssertion(() => Assert.Contains("已引用：自助办税终端领用发票后打印失败", page.Find(".hb-resolve-knowledge").TextContent));
        Assert.Equal(before + 1, await UsesAsync("自助办税终端领用发票后打印失败"));
        Assert.Equal(1, await App.WithDbAsync(db => db.KnowledgeUses.CountAsync(u => u.TicketId == ticket.Id)));
    }

    [Fact]
    public async Task A_resolved_ticket_turns_into_a_draft_article_with_one_button()
    {
        var ticket = await App.TicketAsync(Me, "电子税务局上传附件一直转圈", "1. 压缩附件到5MB以内\n2. 更换浏览器后重新上传");
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, ticket.Id));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "生成知识草稿"));

        await Click(page, "生成知识草稿");

        page.WaitForAssertion(() => Assert.Matches(@"/knowledge/\d+/edit$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = await App.Get<KnowledgeQueries>().ArticleFromTicketAsync(ticket.Id);
        Assert.NotNull(id);
        Assert.EndsWith($"/knowledge/{id}/edit", Navigation.Uri);
        var draft = await App.Get<KnowledgeQueries>().GetAsync(id.Value, HallId);
        Assert.Equal(["压缩附件到5MB以内", "更换浏览器后重新上传"], draft!.Row.Steps);

        var again = Render<TicketDetailPage>(p => p.Add(x => x.Id, ticket.Id));
        again.WaitForAssertion(() => Assert.Contains("查看由此工单生成的知识条目", again.Find(".hb-ticket-to-article").TextContent));
    }

    private Task<int> UsesAsync(string question) =>
        App.WithDbAsync(db => db.KnowledgeArticles.Where(a => a.HallId == HallId && a.Question == question).Select(a => a.UseCount).FirstAsync());
}
