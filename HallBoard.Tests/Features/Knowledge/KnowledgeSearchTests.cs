using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The fragment search on the real SQLite database.</summary>
public sealed class KnowledgeSearchTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private const string Question = "CA证书过期后电子税务局申报提示“证书无效”";
    private static readonly string[] Steps = ["打开证书管理工具查看有效期", "到CA服务商网站在线续期UKey证书", "Windows 10系统需重启浏览器"];

    [Fact]
    public async Task Every_fragment_of_two_or_more_characters_of_the_question_or_a_step_finds_the_article()
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, Question, Steps);
        var missed = new List<string>();

        foreach (var text in Steps.Prepend(Question))
            for (var start = 0; start < text.Length; start++)
                for (var length = 2; start + length <= text.Length; length++)
                {
                    var fragment = text.Substring(start, length);
                    if (fragment.Trim().Length < 2) continue; // " 1" is one character to search for
                    var hits = await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, fragment, take: 50);
                    if (hits.All(h => h.Id != article.Id)) missed.Add(fragment);
                }

        Assert.Empty(missed);
    }

    [Theory]
    [InlineData("CA证书")]
    [InlineData("ca证书")]
    [InlineData("ＣＡ证书")]
    [InlineData("书过期后电")]
    [InlineData("提示“证书无效”")]
    [InlineData("UKey证")]
    [InlineData("10系统")]
    [InlineData("续期 浏览器")]
    public async Task Latin_digit_and_punctuation_mixes_find_it_in_any_case_or_width(string query)
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, Question, Steps);

        var hits = await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, query, take: 50);

        Assert.Contains(hits, h => h.Id == article.Id);
    }

    [Theory]
    [InlineData("证书过期前")]   // every gram is in the text, the fragment is not
    [InlineData("期过书证")]
    [InlineData("社保缴费")]
    [InlineData("CA证书 社保")]
    [InlineData("证")]          // one character is not a query
    public async Task A_query_that_is_not_in_the_text_does_not_find_it(string query)
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, "证书过期后无法申报（反例）", "证书到期前三十天提醒续期");

        var hits = await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, query, take: 50);

        Assert.DoesNotContain(hits, h => h.Id == article.Id);
    }

    [Fact]
    public async Task Drafts_and_retired_articles_and_other_halls_are_not_suggested()
    {
        var me = await app.EngineerActorAsync(1);
        var marker = "罕见词" + Guid.NewGuid().ToString("N")[..6];
        var draft = await app.Knowledge().CreateAsync(me.HallId!.Value, KnowledgeApp.Article($"{marker}草稿", "步骤"), me);
        var retired = await app.PublishedAsync(me, $"{marker}停用", "步骤");
        await app.Knowledge().RetireAsync(retired.Id, retired.Revision, await app.ActorAsync("lead"));
        var (otherHall, _) = await app.OtherHallTicketAsync();
        await app.Knowledge().CreateAsync(otherHall, KnowledgeApp.Article($"{marker}外厅", "步骤"), HallAppFactory.Admin);
        var live = await app.PublishedAsync(me, $"{marker}已发布", "步骤");

        var hits = await app.KnowledgeQueries().SearchAsync(me.HallId.Value, marker);

        Assert.Equal([live.Id], hits.Select(h => h.Id));
        var all = await app.KnowledgeQueries().SearchAsync(me.HallId.Value, marker, Enum.GetValues<ArticleStatus>());
        Assert.Equal(3, all.Count);
        Assert.Contains(all, h => h.Id == draft.Id);
    }

    [Fact]
    public async Task An_edit_replaces_the_grams_so_the_old_text_no_longer_finds_it()
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, "旧说法甲乙丙丁", "旧步骤");

        await app.Knowledge().EditAsync(article.Id, article.Revision, KnowledgeApp.Article("新说法戊己庚辛", "新步骤"), me);

        Assert.DoesNotContain(await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, "甲乙丙"), h => h.Id == article.Id);
        Assert.Contains(await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, "戊己庚"), h => h.Id == article.Id);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.KnowledgeGrams.Where(g => g.ArticleId == article.Id).Select(g => g.Gram).ToList()));
        Assert.DoesNotContain("甲乙", stored);
        Assert.Contains("戊己", stored);
    }

    [Fact]
    public async Task Articles_whose_question_holds_the_words_rank_before_those_with_them_in_a_step_then_by_use()
    {
        var me = await app.EngineerActorAsync(1);
        var marker = "排序词" + Guid.NewGuid().ToString("N")[..4];
        var inStep = await app.PublishedAsync(me, "其他问题甲", $"步骤里有{marker}");
        var inQuestion = await app.PublishedAsync(me, $"问题里有{marker}", "普通步骤");
        var used = await app.PublishedAsync(me, $"问题里也有{marker}", "普通步骤");
        var ticket = await app.TicketAsync(me, "排序用工单");
        await app.Knowledge().LinkToTicketAsync(ticket.Id, used.Id, me);

        var hits = await app.KnowledgeQueries().SearchAsync(me.HallId!.Value, marker);

        Assert.Equal([used.Id, inQuestion.Id, inStep.Id], hits.Select(h => h.Id));
    }
}
