using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.Incidents.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>Working an incident on its page, and the printable report made from it.</summary>
public sealed class IncidentDetailPageTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public IncidentDetailPageTests(HallAppFactory app) : base(app)
    {
    }

    private HallTime Time => App.Get<HallTime>();

    [Fact]
    public async Task Recording_a_step_and_closing_from_the_page_with_an_end_before_the_start_refused_first()
    {
        var id = await DeclareAsync(Channel.SelfServiceTerminal);
        var engineerView = RenderPage<IncidentDetailPage>(p => p.Add(x => x.Id, id));
        engineerView.WaitForElement(".hb-incident-work");
        // Any staff member records the handling; closing is for the hall lead and above.
        Assert.DoesNotContain(engineerView.FindAll("button"), b => b.TextContent.Trim() == "关闭事件");
        await SignInAsAsync("lead");
        var page = RenderPage<IncidentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement(".hb-incident-work");

        await ClickAsync(page, "记录处置");
        await page.InvokeAsync(() => page.Find("#incident-text").Input("逐台重启自助终端"));
        await ClickAsync(page, "记录");
        page.WaitForAssertion(() => Assert.Contains("逐台重启自助终端", page.Find(".hb-incident-timeline").TextContent));

        await ClickAsync(page, "关闭事件");
        await page.InvokeAsync(() => page.Find("#incident-at").Input(LocalTimeField.Of(Time, Time.UtcNow.AddHours(-3))));
        await page.InvokeAsync(() => page.Find("#incident-text").Input("交换机故障"));
        await page.InvokeAsync(() => page.Find("#incident-measures").Input("更换交换机"));
        await ClickAsync(page, "确认关闭");
        page.WaitForAssertion(() => Assert.Equal("结束时间不能早于开始时间。", page.Find(".hb-incident-work [role=alert]").TextContent.Trim()));
        Assert.True((await App.Get<IncidentQueries>().GetAsync(id, HallId))!.Incident.IsOpen);

        await page.InvokeAsync(() => page.Find("#incident-at").Input(LocalTimeField.Of(Time, Time.UtcNow)));
        await ClickAsync(page, "确认关闭");

        page.WaitForAssertion(() => Assert.Contains("已关闭", page.Find(".hb-incident-status").TextContent));
        Assert.Contains("交换机故障", page.Find(".hb-incident-facts").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "关闭事件");
    }

    [Fact]
    public async Task The_printable_report_has_every_section_filled_from_the_record()
    {
        var id = await DeclareAsync(Channel.Hotline12366);
        await App.Get<IncidentCommands>().RecordReportAsync(id, "主管税务机关运维部门", Time.UtcNow, "电话报告", Me);

        var page = RenderPage<IncidentReportPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement(".hb-report");
        var sections = page.FindAll(".hb-report-section h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["一、基本信息", "二、影响范围", "三、处置过程", "四、原因分析", "五、处理措施", "六、上报情况", "七、书面改进方案"], sections);
        Assert.Contains("12366热线", page.Find(".hb-report").TextContent);
        Assert.Contains("主管税务机关运维部门", page.FindAll(".hb-report-section")[5].TextContent);
        Assert.Contains(IncidentReport.NotYet, page.FindAll(".hb-report-section")[3].TextContent);
    }

    private Task<int> DeclareAsync(Channel channel) => App.Get<IncidentCommands>().DeclareAsync(new IncidentDraft
    {
        Title = $"{HallBoard.Domain.Labels.Of(channel)}中断", Channels = [channel], Business = "相关业务", StartUtc = Time.UtcNow.AddMinutes(-30),
    }, [], Me);

    private static Task ClickAsync<T>(IRenderedComponent<T> page, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == text).Click());
}
