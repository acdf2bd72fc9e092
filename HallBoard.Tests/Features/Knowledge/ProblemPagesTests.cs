using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Problems;
using HallBoard.Features.Problems.Pages;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>The difficult-problem pages against the real services.</summary>
public sealed class ProblemPagesTests(HallAppFactory app) : KnowledgeBunit(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task A_problem_is_registered_from_the_list_and_opened()
    {
        var title = $"自助终端无法读取身份证{Guid.NewGuid():N}"[..16];
        var page = RenderPage<ProblemsPage>();

        await Click(page, "登记疑难问题");
        await Type(page, "problem-title", title);
        await Type(page, "problem-description", "上午起三台终端均无法读卡");
        await Click(page, "登记");

        page.WaitForAssertion(() => Assert.Matches(@"/problems/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var detail = await App.Get<ProblemQueries>().GetAsync(id, HallId);
        Assert.Equal((title, ProblemStatus.Open, Category.SystemFault), (detail!.Title, detail.Status, detail.Category));
    }

    [Fact]
    public async Task The_detail_page_links_tickets_records_the_discussion_and_refuses_another_hall_s_ticket()
    {
        var problem = await App.Get<ProblemCommands>().OpenAsync(HallId, "签名服务器连接失败", "下午集中出现", Category.Invoice, Me);
        var ticket = await App.TicketAsync(Me, "开票提示签名服务器连接失败");
        var (_, foreign) = await App.OtherHallTicketAsync();
        var page = RenderPage<ProblemDetailPage>(p => p.Add(x => x.Id, problem.Id));
        page.WaitForAssertion(() => Assert.Contains("签名服务器连接失败", page.Find("h1").TextContent));

        await Type(page, "problem-ticket-number", foreign.Number);
        await Click(page, "关联");
        page.WaitForAssertion(() => Assert.Contains("只能关联本厅的工单。", page.Find("[role=alert]").TextContent));

        await Type(page, "problem-ticket-number", ticket.Number);
        await Click(page, "关联");
        await Type(page, "note-who", "市局运维科 王科长");
        await Type(page, "note-text", "已通知厂商排查");
        await Click(page, "添加记录");
        await Click(page, "开始分析");

        page.WaitForAssertion(() =>
        {
            Assert.Contains(ticket.Number, page.Find(".hb-problem-tickets").TextContent);
            Assert.DoesNotContain(foreign.Number, page.Find(".hb-problem-tickets").TextContent);
            Assert.Contains("市局运维科 王科长", page.Find(".hb-problem-discussion").TextContent);
            Assert.Contains("已通知厂商排查", page.Find(".hb-problem-discussion").TextContent);
            Assert.Contains("分析中", page.Find(".hb-ticket-head").TextContent);
        });
    }

    [Fact]
    public async Task A_resolved_problem_is_drafted_into_an_article_from_its_page()
    {
        var commands = App.Get<ProblemCommands>();
        var problem = await commands.OpenAsync(HallId, "金三系统登记信息同步延迟", "窗口已变更，电子税务局仍显示旧信息", Category.SystemFault, Me);
        await commands.ResolveAsync(problem.Id, null, "1. 税务局后台重新推送登记信息\n2. 请纳税人次日再登录核对", Me);
        var page = RenderPage<ProblemDetailPage>(p => p.Add(x => x.Id, problem.Id));
        page.WaitForAssertion(() => Assert.Contains("已解决", page.Find(".hb-ticket-head").TextContent));

        await Click(page, "生成知识草稿");

        page.WaitForAssertion(() => Assert.Matches(@"/knowledge/\d+/edit$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var detail = await App.Get<ProblemQueries>().GetAsync(problem.Id, HallId);
        Assert.EndsWith($"/knowledge/{detail!.ArticleId}/edit", Navigation.Uri);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "开始分析");
    }
}
