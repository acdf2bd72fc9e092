using Bunit;
using HallBoard.Features.Dashboard;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The dashboard page on the known hall; today in the hall is Tuesday 3 March 2026.</summary>
public sealed class DashboardPageTests(DashboardApp app) : DashboardPageTestBase(app), IClassFixture<DashboardApp>
{
    [Fact]
    public void Every_chart_renders_with_today_s_figures_above_them()
    {
        var page = RenderDashboard();

        Assert.Equal(["per-day", "per-hour", "channel", "category", "kind", "sla", "levels", "trend", "callback", "guidance", "engineers"],
            page.FindAll("[data-card]").Select(c => c.GetAttribute("data-card")));
        // Today: tickets 5 and 6 (08:00 and 08:25).
        Assert.Equal("2", Figure(page, "工单总数"));
        Assert.Contains("mud-chart", page.Find("[data-card='per-hour']").InnerHtml);
        Assert.Contains("mud-chart", page.Find("[data-card='channel']").InnerHtml);
        Assert.Contains("每日工单量", page.Markup);
        Assert.Contains("工程师工作量与 SLA", page.Markup);
    }

    [Fact]
    public async Task Switching_to_the_week_shows_monday_and_today()
    {
        var page = RenderDashboard();

        await ChooseAsync(page, "本周");

        page.WaitForAssertion(() => Assert.Equal("6", Figure(page, "工单总数")));
        Assert.Equal("66.7%", Figure(page, "响应达标率"));
        Assert.Equal("60.0%", Figure(page, "解决达标率"));
        Assert.Equal("50.0%", Figure(page, "回访完成率"));
        Assert.Contains("2026-03-02 至 2026-03-03", page.Find(".hb-dash-summary").TextContent);
        Assert.Contains("from=2026-03-02&to=2026-03-03", page.Find("#dash-excel").GetAttribute("href"));
    }

    [Fact]
    public async Task A_chart_s_numbers_show_on_demand_and_the_chart_comes_back()
    {
        var page = RenderDashboard();
        await ChooseAsync(page, "本周");
        page.WaitForAssertion(() => Assert.Equal("6", Figure(page, "工单总数")));
        Assert.Empty(page.FindAll("[data-table]"));

        await page.InvokeAsync(() => page.Find("[data-toggle='per-day']").Click());

        var rows = page.Find("[data-table='per-day']").QuerySelectorAll("tbody tr")
            .Select(r => string.Join(" ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["2026-03-02 4", "2026-03-03 2"], rows);
        Assert.Equal("图表", page.Find("[data-toggle='per-day']").TextContent.Trim());

        await page.InvokeAsync(() => page.Find("[data-toggle='per-day']").Click());

        Assert.Empty(page.FindAll("[data-table]"));
        Assert.Contains("mud-chart", page.Find("[data-card='per-day']").InnerHtml);
    }

    [Fact]
    public async Task A_reversed_custom_range_gets_a_clear_message_and_keeps_the_figures()
    {
        var page = RenderDashboard();
        await ChooseAsync(page, "自定义");

        await page.InvokeAsync(() => page.Find("#dash-from input, input#dash-from").Change("2026-03-05"));
        await page.InvokeAsync(() => page.Find("#dash-to input, input#dash-to").Change("2026-03-01"));
        await page.InvokeAsync(() => page.Find("#dash-apply").Click());

        page.WaitForAssertion(() => Assert.Equal("结束日期 2026-03-01 早于开始日期 2026-03-05，请重新选择日期范围。",
            page.Find("#dash-period-error").TextContent.Trim()));
        Assert.Equal("2", Figure(page, "工单总数"));
    }

    [Fact]
    public async Task A_custom_range_shows_its_days()
    {
        var page = RenderDashboard();
        await ChooseAsync(page, "自定义");

        await page.InvokeAsync(() => page.Find("#dash-from input, input#dash-from").Change("2026-03-01"));
        await page.InvokeAsync(() => page.Find("#dash-to input, input#dash-to").Change("2026-03-04"));
        await page.InvokeAsync(() => page.Find("#dash-apply").Click());

        // 1 March 23:59 and 4 March 00:00 are in now: eight tickets.
        page.WaitForAssertion(() => Assert.Equal("8", Figure(page, "工单总数")));
        Assert.Empty(page.FindAll("#dash-period-error"));
    }
}
