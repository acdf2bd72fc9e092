using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>Difficult problems on the real SQLite database.</summary>
public sealed class ProblemCommandsTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private async Task<(Actor Me, ProblemRef Problem)> OpenAsync(string title = "开票时提示签名服务器连接失败")
    {
        var me = await app.EngineerActorAsync(2);
        var p = await app.Problems().OpenAsync(me.HallId!.Value, title, "下午多位纳税人反映", Category.Invoice, me);
        return (me, p);
    }

    [Fact]
    public async Task A_problem_links_its_tickets_logs_the_discussion_and_is_resolved_into_a_draft_article()
    {
        var (me, p) = await OpenAsync();
        var t1 = await app.TicketAsync(me, "开票失败一", channel: Channel.SelfServiceTerminal);
        var t2 = await app.TicketAsync(me, "开票失败二", channel: Channel.SelfServiceTerminal);

        await app.Problems().LinkTicketAsync(p.Id, t1.Number, me);
        await app.Problems().LinkTicketAsync(p.Id, t2.Number.ToLowerInvariant(), me);
        var analysing = await app.Problems().StartAnalysisAsync(p.Id, p.Version, me);
        await app.Problems().SubmitToBureauAsync(p.Id, analysing.Version, app.Get<HallBoard.Hosting.HallTime>().Today, me);
        await app.Problems().DiscussAsync(p.Id, "市局运维科 王科长", "已联系厂商排查签名服务器", me);
        var detail = await app.ProblemQueries().GetAsync(p.Id, me.HallId);
        var resolved = await app.Problems().ResolveAsync(p.Id, detail!.Version, "1. 厂商更换服务器证书\n2. 请纳税人重新开票", me);
        var article = await app.Problems().DraftArticleAsync(p.Id, me);

        detail = await app.ProblemQueries().GetAsync(p.Id, me.HallId);
        Assert.NotNull(detail);
        Assert.Equal(ProblemStatus.Resolved, resolved.Status);
        Assert.Equal([t1.Number, t2.Number], detail.Tickets.Select(t => t.Number));
        var note = Assert.Single(detail.Notes);
        Assert.Equal(("市局运维科 王科长", "已联系厂商排查签名服务器", me.Name), (note.Who, note.Text, note.ActorName));
        Assert.NotNull(detail.SubmittedToBureau);
        Assert.Equal(article.Id, detail.ArticleId);
        var draft = await app.KnowledgeQueries().GetAsync(article.Id, me.HallId);
        Assert.Equal(("开票时提示签名服务器连接失败", ArticleStatus.Draft, Channel.SelfServiceTerminal), (draft!.Row.Question, draft.Row.Status, draft.Row.Channel));
        Assert.Equal(["厂商更换服务器证书", "请纳税人重新开票"], draft.Row.Steps);
        Assert.Equal(p.Id, draft.SourceProblemId);
        var timeline = await app.Get<HallBoard.Features.Tickets.TicketQueries>().GetAsync(t1.Id, me.HallId);
        Assert.Contains(timeline!.Timeline, e => e.Kind == TicketEventKind.LinkedToProblem && e.Note == "疑难问题：开票时提示签名服务器连接失败");
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Problem) && e.EntityId == p.Id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["登记疑难问题", "疑难问题关联工单", "疑难问题关联工单", "疑难问题开始分析", "登记提交税务局日期", "记录与税务局的讨论",
            "疑难问题已解决", "疑难问题生成知识草稿"], actions);
        var twice = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().DraftArticleAsync(p.Id, me));
        Assert.Equal("该疑难问题已生成过知识条目。", twice.Message);
    }

    [Fact]
    public async Task A_ticket_of_another_hall_cannot_be_linked_and_nothing_is_saved()
    {
        var (me, p) = await OpenAsync();
        var (_, foreign) = await app.OtherHallTicketAsync();

        var ex = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().LinkTicketAsync(p.Id, foreign.Number, me));

        Assert.Equal("只能关联本厅的工单。", ex.Message);
        Assert.Empty((await app.ProblemQueries().GetAsync(p.Id, me.HallId))!.Tickets);
        Assert.DoesNotContain((await app.Get<HallBoard.Features.Tickets.TicketQueries>().GetAsync(foreign.Id, null))!.Timeline,
            e => e.Kind == TicketEventKind.LinkedToProblem);
    }

    [Fact]
    public async Task A_ticket_belongs_to_one_problem_and_an_unknown_number_is_named()
    {
        var (me, first) = await OpenAsync("问题甲");
        var (_, second) = await OpenAsync("问题乙");
        var t = await app.TicketAsync(me, "同一工单");
        await app.Problems().LinkTicketAsync(first.Id, t.Number, me);

        var other = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().LinkTicketAsync(second.Id, t.Number, me));
        var same = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().LinkTicketAsync(first.Id, t.Number, me));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Problems().LinkTicketAsync(first.Id, "GX-19990101-0001", me));

        Assert.Equal("该工单已关联到另一个疑难问题。", other.Message);
        Assert.Equal("该工单已关联到本问题。", same.Message);
        Assert.Equal("工单 GX-19990101-0001 不存在。", unknown.Message);
    }

    [Fact]
    public async Task Closing_as_a_duplicate_moves_the_tickets_to_the_original()
    {
        var (me, original) = await OpenAsync("原问题");
        var (_, duplicate) = await OpenAsync("重复登记的问题");
        var t = await app.TicketAsync(me, "重复问题的工单");
        await app.Problems().LinkTicketAsync(duplicate.Id, t.Number, me);

        var closed = await app.Problems().CloseAsDuplicateAsync(duplicate.Id, null, original.Id, me, "与原问题同因");

        Assert.Equal(ProblemStatus.Duplicate, closed.Status);
        var dup = await app.ProblemQueries().GetAsync(duplicate.Id, me.HallId);
        Assert.Equal(("原问题", 0), (dup!.DuplicateOfTitle, dup.Tickets.Count));
        Assert.Equal([t.Number], (await app.ProblemQueries().GetAsync(original.Id, me.HallId))!.Tickets.Select(x => x.Number));
        Assert.Equal("合并说明：与原问题同因", Assert.Single(dup.Notes).Text);
        var list = await app.ProblemQueries().ListAsync(me.HallId!.Value);
        Assert.Equal(1, list.Single(r => r.Id == original.Id).TicketCount);
        Assert.Equal(0, list.Single(r => r.Id == duplicate.Id).TicketCount);
        Assert.True(list.ToList().FindIndex(r => r.Id == original.Id) < list.ToList().FindIndex(r => r.Id == duplicate.Id), "open problems come first");
        Assert.DoesNotContain(await app.ProblemQueries().MergeTargetsAsync(me.HallId.Value, original.Id), r => r.Id == duplicate.Id || r.Id == original.Id);
        var illegal = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().StartAnalysisAsync(duplicate.Id, null, me));
        Assert.Equal("疑难问题当前为“重复问题已关闭”，不能开始分析。", illegal.Message);
    }

    [Fact]
    public async Task An_illegal_move_or_a_stale_version_is_refused_without_an_audit_entry()
    {
        var (me, p) = await OpenAsync();
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var early = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().DraftArticleAsync(p.Id, me));
        var stale = await Assert.ThrowsAsync<KnowledgeRuleException>(() => app.Problems().StartAnalysisAsync(p.Id, p.Version - 1, me));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Problems().RecordWorkaroundAsync(p.Id, p.Version, " ", me));

        Assert.Equal("疑难问题解决后才能生成知识条目。", early.Message);
        Assert.Equal("该疑难问题已被他人修改，请刷新后再试。", stale.Message);
        Assert.Equal("请填写临时方案。", empty.Message);
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(ProblemStatus.Open, (await app.ProblemQueries().GetAsync(p.Id, me.HallId))!.Status);
    }

    [Fact]
    public async Task Another_hall_s_problem_is_not_found()
    {
        var (_, p) = await OpenAsync();
        var (otherHall, _) = await app.OtherHallTicketAsync();
        var stranger = HallAppFactory.As(Roles.Engineer, "x", "外厅人员", otherHall);

        await Assert.ThrowsAsync<NotFoundException>(() => app.Problems().DiscussAsync(p.Id, "某人", "内容", stranger));
        Assert.Null(await app.ProblemQueries().GetAsync(p.Id, otherHall));
    }
}
