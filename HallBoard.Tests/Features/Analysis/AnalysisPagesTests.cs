using System.Text;
using Bunit;
using HallBoard.Features.Analysis;
using HallBoard.Features.Analysis.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Analysis;

[Collection(HallBoard.Tests.Features.Reports.PageTestsCollection.Name)]
/// <summary>The import panel and the analysis page as a manager sees them, on the app's real services.</summary>
public sealed class AnalysisPagesTests : BunitTestBase, IClassFixture<HallAppFactory>
{
    public AnalysisPagesTests(HallAppFactory app) : base(app)
    {
    }

    /// <summary>Volumes are the hall's manager's to enter: each test signs in as the demo hall's manager.</summary>
    private async Task<int> ManagersHallAsync()
    {
        await SignInAsAsync("manager");
        return HallId;
    }

    [Fact]
    public async Task A_bad_file_lists_every_problem_row_by_row_and_says_nothing_was_saved()
    {
        var hall = await ManagersHallAsync();
        var panel = RenderPage<VolumeImport>(p => p.Add(x => x.HallId, hall));

        Upload(panel, "一月.csv", AnalysisApp.Header, "2026-01-05,10,20,30,40,50", "2026-01-06,abc,20,30,40,50", "2026-01-05,1,-2,3,4,5");

        panel.WaitForElement("#import-errors");
        Assert.Contains("“一月.csv”未导入，没有保存任何数据", panel.Find("#import-refused").TextContent);
        var rows = panel.FindAll("#import-errors tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "3|金三窗口业务量|“abc”不是数字",
            "4|日期|日期 2026-01-05 与第 2 行重复",
            "4|电子税务局|业务量不能为负数（-2）",
        ], rows);
        Assert.Empty(await App.Get<BusinessVolumes>().ListAsync(hall, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public async Task A_good_file_is_imported_and_the_panel_says_how_many_days()
    {
        var hall = await ManagersHallAsync();
        var panel = RenderPage<VolumeImport>(p => p.Add(x => x.HallId, hall));

        Upload(panel, "二月.csv", AnalysisApp.Header, "2026-02-02,10,20,30,40,50", "2026-02-03,11,21,31,41,51");

        panel.WaitForAssertion(() => Assert.Equal("“二月.csv”已导入 2 天的业务量。", panel.Find("#import-ok").TextContent.Trim()));
        Assert.Equal(2, (await App.Get<BusinessVolumes>().ListAsync(hall, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28))).Count);
        Assert.Equal("/analysis/template.xlsx", panel.Find("#template-xlsx").GetAttribute("href"));
        Assert.Equal("/analysis/template.csv", panel.Find("#template-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task The_analysis_page_shows_the_period_s_online_rate_and_the_counter_categories()
    {
        await ManagersHallAsync();
        var today = App.Get<HallBoard.Hosting.HallTime>().Today;
        await App.Get<BusinessVolumes>().SaveDayAsync(HallId, new VolumeEntry(today.AddDays(-1), new VolumeFigures(25, 50, 10, 10, 5)), Me);

        var page = RenderPage<AnalysisPage>();

        page.WaitForAssertion(() => Assert.Equal("75.0%", page.Find("#analysis-rate").TextContent.Trim()));
        Assert.Equal("75", page.Find("#analysis-online").TextContent.Trim());
        Assert.Equal("25", page.Find("#analysis-counter").TextContent.Trim());
        Assert.Contains("窗口（金三）", page.Find("#analysis-channels").TextContent);
        Assert.NotNull(page.Find("#analysis-categories"));
    }

    private static void Upload(IRenderedComponent<VolumeImport> panel, string name, params string[] lines) =>
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(
            Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), name, contentType: "text/csv"));
}
