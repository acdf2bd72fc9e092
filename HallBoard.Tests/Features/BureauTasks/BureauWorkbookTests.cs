using System.Net;
using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.BureauTasks;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.BureauTasks;

/// <summary>The two registers as .xlsx downloads, as a browser asks for them, signed in through the login form.</summary>
public sealed class BureauWorkbookTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task The_lead_downloads_both_registers_with_their_rows_and_each_download_is_audited()
    {
        var lead = await app.ActorAsync("lead");
        var eng1 = await app.ActorAsync("eng1");
        await app.Get<BureauTaskCommands>().IssueAsync(new BureauTaskDraft(lead.HallId!.Value, "上报本月终端巡检记录", "按市局模板上报。",
            eng1.EngineerId!.Value, app.Get<HallTime>().UtcNow.AddDays(3), Priority.Normal, BureauTaskChannel.Paper, "市局 周科长"), lead);
        await app.Get<RequirementBook>().RegisterAsync(new RequirementDraft(lead.HallId.Value, "纳税人希望增加自助终端的英文界面",
            RequirementSource.Taxpayer, "驻场 张伟", app.Get<HallTime>().Today), eng1);
        var client = await SignedInAsync("lead");

        var tasks = await client.GetAsync(BureauWorkbooks.TasksPath);
        var requirements = await client.GetAsync(BureauWorkbooks.RequirementsPath);

        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await tasks.Content.ReadAsByteArrayAsync())))
        {
            var row = book.Worksheet("局方任务").RowsUsed().Single(r => r.Cell(2).GetString() == "上报本月终端巡检记录");
            Assert.Equal("市局 周科长", row.Cell(4).GetString());
            Assert.Equal("已下达", row.Cell(9).GetString());
        }
        Assert.Equal(HttpStatusCode.OK, requirements.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await requirements.Content.ReadAsByteArrayAsync())))
        {
            var row = book.Worksheet("新需求反馈").RowsUsed().Single(r => r.Cell(5).GetString() == "纳税人希望增加自助终端的英文界面");
            Assert.Equal("纳税人", row.Cell(3).GetString());
            Assert.Equal("登记", row.Cell(6).GetString());
        }
        var downloads = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.ActorId == lead.Id && a.Action == AuditTrail.Download).Select(a => a.EntityId!).ToListAsync());
        Assert.Contains(downloads, d => d.StartsWith("局方任务台账_"));
        Assert.Contains(downloads, d => d.StartsWith("新需求反馈登记_"));

        Assert.NotEqual(HttpStatusCode.OK, (await (await SignedInAsync("wall")).GetAsync(BureauWorkbooks.TasksPath)).StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
