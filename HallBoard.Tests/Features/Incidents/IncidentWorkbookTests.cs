using System.Net;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Incidents;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>The 《重大事件处理报告》 workbook, downloaded as the hall lead does, checked by the Open XML validator and
/// read back with ClosedXML section by section.</summary>
public sealed class IncidentWorkbookTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task The_downloaded_report_is_valid_and_fills_every_section_from_the_record()
    {
        var (id, ticket) = await WorkedIncidentAsync();

        var response = await (await SignedInAsync("lead")).GetAsync(IncidentsEndpoints.WorkbookPath(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(IncidentWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("重大事件处理报告-GX-ZD-", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var stream = new MemoryStream(bytes))
        using (var document = SpreadsheetDocument.Open(stream, false))
        {
            var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var sheet = book.Worksheet(IncidentWorkbook.SheetName);
        var text = sheet.CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal("《重大事件处理报告》", sheet.Cell(1, 1).GetString());
        foreach (var title in new[] { "一、基本信息", "二、影响范围", "三、处置过程", "四、原因分析", "五、处理措施", "六、上报情况", "七、书面改进方案" })
            Assert.Contains(title, text);
        Assert.Equal("全厅电子税务局无法登录", ValueOf(sheet, "事件名称"));
        Assert.Equal("电子税务局、智慧办税区电脑", ValueOf(sheet, "受影响渠道"));
        Assert.Equal("网上申报、发票开具", ValueOf(sheet, "受影响业务"));
        Assert.Equal("30", ValueOf(sheet, "受影响纳税人数"));
        Assert.Equal("1", ValueOf(sheet, "关联工单数"));
        Assert.Equal("前置机证书过期导致登录校验失败", ValueOf(sheet, "原因"));
        Assert.Equal("更新证书，重启认证服务，逐一回访受影响纳税人", ValueOf(sheet, "措施"));
        Assert.Contains(ticket.Number, text);
        Assert.Contains("重启认证服务", text);
        var report = sheet.CellsUsed().First(c => c.GetString() == "主管税务机关运维部门");
        Assert.Contains("电话报告", report.CellRight(2).GetString());
        Assert.DoesNotContain(text, t => t.Contains("欧阳明月"));
    }

    [Fact]
    public async Task An_incident_of_another_hall_is_not_found()
    {
        var (id, _) = await WorkedIncidentAsync();
        var other = await HallBoard.Tests.Features.Wall.TestHall.CreateAsync(app, engineers: 1);
        var foreign = await app.Get<IncidentQueries>().GetAsync(id, other.Id);
        Assert.Null(foreign);
        var visitor = await Browser().GetAsync(IncidentsEndpoints.WorkbookPath(id));
        Assert.NotEqual(IncidentWorkbook.ContentType, visitor.Content.Headers.ContentType?.MediaType);
    }

    private static string ValueOf(IXLWorksheet sheet, string label) =>
        sheet.CellsUsed().First(c => c.Address.ColumnNumber == 1 && c.GetString() == label).CellRight().GetString();

    private async Task<(int Id, TicketRef Ticket)> WorkedIncidentAsync()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var now = app.Get<HallTime>().UtcNow;
        var ticket = await app.Get<TicketCommands>().IntakeAsync(hall.Id, new TicketDraft
        {
            TaxpayerName = "欧阳明月", Channel = Channel.ETaxWeb, Category = Category.LoginIdentity, Kind = TicketKind.Fault, Description = "登录超时",
        }, eng, takeNow: false);
        var commands = app.Get<IncidentCommands>();
        var id = await commands.DeclareAsync(new IncidentDraft
        {
            Title = "全厅电子税务局无法登录",
            Channels = [Channel.SmartAreaPc, Channel.ETaxWeb],
            Business = "网上申报、发票开具",
            StartUtc = now.AddMinutes(-40),
            EstimatedTaxpayers = 30,
        }, [ticket.Number], eng);
        await commands.AddActionAsync(id, "重启认证服务", now.AddMinutes(-20), eng);
        await commands.RecordReportAsync(id, "主管税务机关运维部门", now.AddMinutes(-10), "电话报告", eng);
        await commands.CloseAsync(id, now.AddMinutes(-1), "前置机证书过期导致登录校验失败", "更新证书，重启认证服务，逐一回访受影响纳税人", await app.ActorAsync("lead"));
        return (id, ticket);
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Browser();
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
