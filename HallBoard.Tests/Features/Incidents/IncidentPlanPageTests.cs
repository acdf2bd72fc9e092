using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.Incidents.Pages;
using HallBoard.Features.Incidents.Plans;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>The improvement-plan panel on the incident page: 结案 refused without a plan, the lead writes one, then 结案 works;
/// the bureau's account sees the plan and gives its opinion but not the handling buttons.</summary>
public sealed class IncidentPlanPageTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public IncidentPlanPageTests(HallAppFactory app) : base(app)
    {
    }

    private HallTime Time => App.Get<HallTime>();

    [Fact]
    public async Task The_final_close_is_refused_on_the_page_until_the_lead_has_written_the_plan()
    {
        await SignInAsAsync("lead");
        var commands = App.Get<IncidentCommands>();
        var id = await commands.DeclareAsync(new IncidentDraft
        {
            Title = "叫号系统中断", Channels = [Channel.Counter], Business = "取号", StartUtc = Time.UtcNow.AddMinutes(-30),
        }, [], Me);
        await commands.CloseAsync(id, Time.UtcNow.AddMinutes(-1), "叫号服务器断电", "接入不间断电源", Me);
        var page = RenderPage<IncidentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("#plan-summary");

        // The incident's rules refuse the final close without a plan, so the page does not offer it; the command says why.
        Assert.Empty(page.FindAll("#incident-final-close"));
        var refused = await Assert.ThrowsAsync<IncidentRuleException>(() => commands.CloseFinallyAsync(id, Me));
        Assert.Equal("该重大事件还没有书面改进方案，不能结案。请先编写改进方案。", refused.Message);
        Assert.Contains("已关闭", page.Find(".hb-incident-status").TextContent);

        await page.InvokeAsync(() => page.Find("#plan-summary").Change("为叫号服务器配置不间断电源并纳入巡检"));
        await page.InvokeAsync(() => page.Find("#plan-write").Click());
        page.WaitForElement("#plan-submit");
        page.WaitForElement("#incident-final-close");
        await page.InvokeAsync(() => page.Find("#incident-final-close").Click());

        page.WaitForAssertion(() => Assert.Contains("已结案", page.Find(".hb-incident-status").TextContent));
        Assert.Empty(page.FindAll("#incident-final-close"));
    }

    [Fact]
    public async Task The_bureau_sees_the_plan_and_gives_its_opinion_but_not_the_handling_buttons()
    {
        await SignInAsAsync("lead");
        var lead = Me;
        var id = await App.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
        {
            Title = "电子税务局中断", Channels = [Channel.ETaxWeb], Business = "申报", StartUtc = Time.UtcNow.AddMinutes(-30),
        }, [], lead);
        var plans = App.Get<ImprovementPlans>();
        await plans.WriteAsync(id, "增加链路冗余", lead);
        await plans.AddMeasureAsync(id, "专线与互联网双链路", "张伟", Time.Today.AddDays(10), lead);
        await plans.SubmitAsync(id, lead);

        await SignInAsAsync("bureau");
        var page = RenderPage<IncidentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("#plan-opinion");
        Assert.Empty(page.FindAll(".hb-incident-work"));
        Assert.Empty(page.FindAll("#plan-add-measure"));
        Assert.Contains("专线与互联网双链路", page.Find(".hb-plan-measures").TextContent);

        await page.InvokeAsync(() => page.Find("#plan-opinion").Change("同意，须在下月申报期前完成"));
        await page.InvokeAsync(() => page.Find("#plan-opinion-save").Click());

        page.WaitForAssertion(() => Assert.Contains("同意，须在下月申报期前完成（局运维主管部门，局方", page.Find(".hb-plan-opinion").TextContent));
        Assert.Contains("局方已提意见", page.Find(".hb-plan-state").TextContent);
    }
}
