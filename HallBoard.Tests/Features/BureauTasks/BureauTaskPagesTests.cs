using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.BureauTasks;
using HallBoard.Features.BureauTasks.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.BureauTasks;

/// <summary>The task pages in the demo hall: each person is offered only the moves the service allows them, and the list
/// marks an overdue task. On a clock the test moves.</summary>
public sealed class BureauTaskPagesTests : BunitTestBase, IClassFixture<FakeClockHall>
{
    private readonly FakeClockHall _app;

    public BureauTaskPagesTests(FakeClockHall app) : base(app)
    {
        _app = app;
    }

    private Actor Bureau => new("test:bureau", "市局运维科 周科长", null, HallId) { Roles = new HashSet<string> { Roles.Bureau } };

    private async Task<int> IssueToEng1Async(int hours = 24)
    {
        var eng1 = await App.ActorAsync("eng1");
        return await App.Get<BureauTaskCommands>().IssueAsync(new BureauTaskDraft(eng1.HallId!.Value, "核查自助终端网络",
            "全市自助终端断网排查，请于期限内反馈。", eng1.EngineerId!.Value, App.Get<HallTime>().UtcNow.AddHours(hours), Priority.High), Bureau);
    }

    [Fact]
    public async Task The_task_page_offers_each_person_only_the_moves_they_may_make_and_the_owner_works_it_through()
    {
        var id = await IssueToEng1Async();

        await SignInAsAsync("eng2");
        var other = RenderPage<BureauTaskDetailPage>(p => p.Add(x => x.Id, id));
        other.WaitForAssertion(() => Assert.Contains("核查自助终端网络", other.Find("h1").TextContent));
        Assert.Empty(other.FindAll(".hb-task-moves"));
        Assert.Empty(other.FindAll("#bureau-error"));

        await SignInAsAsync("eng1");
        var page = RenderPage<BureauTaskDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal(["接受指令"], Buttons(page)));
        await ClickAsync(page, "接受指令");
        page.WaitForAssertion(() => Assert.Equal(["反馈进度", "报告完成"], Buttons(page)));
        await page.InvokeAsync(() => page.Find("#task-note").Change("已排查 4 台，1 台交换机故障"));
        await page.InvokeAsync(() => page.Find("#task-percent").Change("60"));
        await ClickAsync(page, "反馈进度");
        page.WaitForAssertion(() => Assert.Contains("已排查 4 台，1 台交换机故障", page.Find(".hb-task-timeline").TextContent));
        Assert.Contains("60%", page.Find(".hb-task-timeline").TextContent);
        Assert.Contains("执行中", page.Find(".hb-task-state").TextContent);

        await ClickAsync(page, "报告完成");
        page.WaitForAssertion(() => Assert.Equal("请填写完成情况。", page.Find("#bureau-error").TextContent.Trim()));
        Assert.Equal(BureauTaskState.InProgress, await StateAsync(id));
        await page.InvokeAsync(() => page.Find("#task-note").Change("交换机已更换，全部终端联网正常"));
        await ClickAsync(page, "报告完成");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".hb-task-moves")));

        SignInAs(Bureau);
        var bureau = RenderPage<BureauTaskDetailPage>(p => p.Add(x => x.Id, id));
        bureau.WaitForAssertion(() => Assert.Equal(["确认办结", "退回重办"], Buttons(bureau)));
        await ClickAsync(bureau, "确认办结");
        bureau.WaitForAssertion(() => Assert.Contains("已确认办结", bureau.Find(".hb-task-state").TextContent));
        Assert.Empty(bureau.FindAll(".hb-task-moves"));
    }

    [Fact]
    public async Task The_list_marks_an_overdue_task_and_offers_the_new_task_form_only_to_those_who_may_issue()
    {
        var id = await IssueToEng1Async(hours: 1);
        _app.Time.Advance(TimeSpan.FromHours(2));

        var list = RenderPage<BureauTasksPage>();
        list.WaitForAssertion(() =>
        {
            var row = list.FindAll(".hb-bureau-tasks tr").Single(r => r.TextContent.Contains("核查自助终端网络") && r.InnerHtml.Contains($"/bureau-tasks/{id}"));
            Assert.Contains("逾期", row.TextContent);
        });
        Assert.Empty(list.FindAll(".hb-bureau-task-form"));

        await SignInAsAsync("lead");
        var lead = RenderPage<BureauTasksPage>();
        lead.WaitForAssertion(() => Assert.Contains("记录局方指令", lead.Find(".hb-bureau-task-form").TextContent));
    }

    [Fact]
    public async Task The_requirement_register_takes_an_engineers_entry_and_offers_the_lead_only_the_lead_moves()
    {
        var page = RenderPage<RequirementsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".hb-requirement-form")));
        await page.InvokeAsync(() => page.Find("#requirement-raised-by").Change("市局 周科长"));
        await page.InvokeAsync(() => page.Find("#requirement-description").Change("市局要求办税服务厅增设电子发票开具辅导岗"));
        await page.InvokeAsync(() => page.FindAll(".hb-requirement-form button").Single(b => b.TextContent.Trim() == "登记").Click());

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".hb-requirements tr"), r => r.TextContent.Contains("增设电子发票开具辅导岗") && r.TextContent.Contains("登记")));
        Assert.Empty(page.FindAll(".hb-requirements button"));
        Assert.Empty(page.FindAll("#bureau-error"));

        await SignInAsAsync("lead");
        var lead = RenderPage<RequirementsPage>();
        lead.WaitForAssertion(() => Assert.NotEmpty(lead.FindAll(".hb-requirements button")));
        var row = lead.FindAll(".hb-requirements tr").Single(r => r.TextContent.Contains("增设电子发票开具辅导岗"));
        await lead.InvokeAsync(() => row.QuerySelector("button")!.Click());
        lead.WaitForAssertion(() => Assert.Equal(["上报公司", "不采纳", "取消"],
            lead.FindAll(".hb-requirement-move-buttons button").Select(b => b.TextContent.Trim()).ToList()));
        await lead.InvokeAsync(() => lead.FindAll(".hb-requirement-move-buttons button").First(b => b.TextContent.Trim() == "上报公司").Click());
        lead.WaitForAssertion(() => Assert.Contains(lead.FindAll(".hb-requirements tr"), r => r.TextContent.Contains("增设电子发票开具辅导岗") && r.TextContent.Contains("已上报公司")));
    }

    private static List<string> Buttons<T>(IRenderedComponent<T> page) where T : IComponent =>
        page.FindAll(".hb-task-move-buttons button").Select(b => b.TextContent.Trim()).ToList();

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string text) where T : IComponent =>
        page.InvokeAsync(() => page.FindAll(".hb-task-move-buttons button").First(b => b.TextContent.Trim() == text).Click());

    private Task<BureauTaskState> StateAsync(int id) => App.WithDbAsync(db => db.BureauTasks.Where(t => t.Id == id).Select(t => t.State).SingleAsync());
}
