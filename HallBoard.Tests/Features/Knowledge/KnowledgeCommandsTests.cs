using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>Article commands on the real SQLite database: versions, use counting, drafts from tickets, refusals, audit.</summary>
public sealed class KnowledgeCommandsTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task The_demo_hall_starts_with_published_articles()
    {
        var hall = await app.DemoHallAsync();

        var list = await app.KnowledgeQueries().ListAsync(hall.Id, null, ArticleStatus.Published, null);

        Assert.True(list.Count >= 5);
        Assert.Contains(list, a => a.Question == "CA证书过期后无法在电子税务局申报");
    }

    [Fact]
    public async Task A_published_edit_is_saved_as_a_new_version_with_the_old_one_in_the_history_and_audited()
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, "版本测试问题", "第一版步骤");

        var edited = await app.Knowledge().EditAsync(article.Id, article.Revision, KnowledgeApp.Article("版本测试问题", "第二版步骤一", "第二版步骤二"), me);

        var detail = await app.KnowledgeQueries().GetAsync(edited.Id, me.HallId);
        Assert.NotNull(detail);
        Assert.Equal(2, detail.Row.PublishedVersion);
        Assert.Equal(["第二版步骤一", "第二版步骤二"], detail.Row.Steps);
        var v1 = Assert.Single(detail.Versions);
        Assert.Equal((1, "第一版步骤"), (v1.Version, Assert.Single(v1.StepList)));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(KnowledgeArticle) && e.EntityId == article.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["新建知识条目", "发布知识条目", "修改知识条目"], actions);
    }

    [Fact]
    public async Task A_stale_revision_is_refused()
    {
        var me = await app.EngineerActorAsync(1);
        var draft = await app.Knowledge().CreateAsync(me.HallId!.Value, KnowledgeApp.Article("并发修改问题", "步骤"), me);
        await app.Knowledge().EditAsync(draft.Id, draft.Revision, KnowledgeApp.Article("并发修改问题（新）", "步骤"), me);

        var lead = await app.ActorAsync("lead");
        var ex = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().PublishAsync(draft.Id, draft.Revision, lead));

        Assert.Equal("该知识条目已被他人修改，请刷新后再试。", ex.Message);
        Assert.Equal(ArticleStatus.Draft, (await app.KnowledgeQueries().GetAsync(draft.Id, me.HallId))!.Row.Status);
    }

    [Fact]
    public async Task Markup_in_an_article_is_refused_and_nothing_is_saved()
    {
        var me = await app.EngineerActorAsync(1);
        var before = await app.WithDbAsync(db => db.KnowledgeArticles.CountAsync());
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.Knowledge().CreateAsync(me.HallId!.Value, KnowledgeApp.Article("正常问题", "<script>alert('x')</script>"), me));

        Assert.Equal(["第 1 步不能包含 HTML 标记或脚本。"], ex.Errors[ArticleContent.StepsField]);
        Assert.Equal(before, await app.WithDbAsync(db => db.KnowledgeArticles.CountAsync()));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Linking_an_article_while_resolving_counts_one_use_per_ticket_with_ticket_article_and_time()
    {
        var me = await app.EngineerActorAsync(1);
        var article = await app.PublishedAsync(me, "引用计数问题", "步骤");
        var ticket = await app.TicketAsync(me, "需要引用知识的工单");

        var before = DateTime.UtcNow;
        await app.Knowledge().LinkToTicketAsync(ticket.Id, article.Id, me);
        var after = DateTime.UtcNow;
        var again = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().LinkToTicketAsync(ticket.Id, article.Id, me));

        Assert.Equal("该工单已引用过这条知识。", again.Message);
        Assert.Equal(1, (await app.KnowledgeQueries().GetAsync(article.Id, me.HallId))!.Row.UseCount);
        var use = await app.WithDbAsync(db => db.KnowledgeUses.SingleAsync(u => u.ArticleId == article.Id));
        Assert.Equal((ticket.Id, me.Name), (use.TicketId, use.ActorName));
        Assert.InRange(use.AtUtc, before, after); // the time of the link, however long the machine took
        var linked = await app.KnowledgeQueries().LinkedToTicketAsync(ticket.Id);
        Assert.Equal("引用计数问题", Assert.Single(linked).Question);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "引用知识条目" && e.EntityId == article.Id.ToString())));
        var timeline = (await app.Get<HallBoard.Features.Tickets.TicketQueries>().GetAsync(ticket.Id, me.HallId))!.Timeline;
        Assert.Single(timeline, e => e.Note == "引用知识：引用计数问题");
    }

    [Fact]
    public async Task A_draft_or_another_hall_s_ticket_cannot_be_linked()
    {
        var me = await app.EngineerActorAsync(1);
        var draft = await app.Knowledge().CreateAsync(me.HallId!.Value, KnowledgeApp.Article("未发布的知识", "步骤"), me);
        var published = await app.PublishedAsync(me, "已发布的知识", "步骤");
        var ticket = await app.TicketAsync(me, "工单");
        var (_, foreign) = await app.OtherHallTicketAsync();

        var ex = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().LinkToTicketAsync(ticket.Id, draft.Id, me));
        Assert.Equal("只能引用已发布的知识条目。", ex.Message);
        var nf = await Assert.ThrowsAsync<NotFoundException>(() => app.Knowledge().LinkToTicketAsync(foreign.Id, published.Id, me));
        Assert.Equal("工单不存在。", nf.Message);
        var cross = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().LinkToTicketAsync(foreign.Id, published.Id, HallAppFactory.Admin));
        Assert.Equal("只能引用本厅的知识条目。", cross.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.KnowledgeUses.CountAsync(u => u.ArticleId == draft.Id || u.ArticleId == published.Id)));
    }

    [Fact]
    public async Task A_resolved_ticket_becomes_a_draft_in_one_step_and_only_once()
    {
        var me = await app.EngineerActorAsync(1);
        var ticket = await app.TicketAsync(me, "自助终端打印发票时卡纸", "1. 打开终端后盖取出卡纸\n2. 重新打印", Channel.SelfServiceTerminal);

        var draft = await app.Knowledge().DraftFromTicketAsync(ticket.Id, me);

        var detail = await app.KnowledgeQueries().GetAsync(draft.Id, me.HallId);
        Assert.NotNull(detail);
        Assert.Equal(ArticleStatus.Draft, detail.Row.Status);
        Assert.Equal("自助终端打印发票时卡纸", detail.Row.Question);
        Assert.Equal(["打开终端后盖取出卡纸", "重新打印"], detail.Row.Steps);
        Assert.Equal((Channel.SelfServiceTerminal, Category.Filing), (detail.Row.Channel, detail.Row.Category));
        Assert.Equal(ticket.Number, detail.SourceTicketNumber);
        Assert.Equal(draft.Id, await app.KnowledgeQueries().ArticleFromTicketAsync(ticket.Id));
        var twice = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().DraftFromTicketAsync(ticket.Id, me));
        Assert.Equal("该工单已生成过知识条目。", twice.Message);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == $"由工单{ticket.Number}生成知识草稿")));
    }

    [Fact]
    public async Task An_unresolved_ticket_cannot_become_an_article()
    {
        var me = await app.EngineerActorAsync(1);
        var ticket = await app.TicketAsync(me, "尚未解决的工单");

        var ex = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Knowledge().DraftFromTicketAsync(ticket.Id, me));

        Assert.Equal("工单解决后才能生成知识条目。", ex.Message);
        Assert.Null(await app.KnowledgeQueries().ArticleFromTicketAsync(ticket.Id));
    }
}
