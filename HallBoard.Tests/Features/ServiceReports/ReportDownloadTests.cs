using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Features.ServiceReports;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The .xlsx downloads as a browser asks for them, signed in through the login form.</summary>
public sealed class ReportDownloadTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Theory]
    [InlineData("manager")]
    [InlineData("lead")]
    [InlineData("admin")]
    public async Task Managers_hall_leads_and_admins_download_the_monthly_report_of_the_hall(string user)
    {
        await app.KnownAsync();

        var response = await (await SignedInAsync(user)).GetAsync(ServiceReportsEndpoints.MonthlyUrl(2026, 3));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("高新区税务局办税服务厅_服务月度报告_202603.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(5, book.Worksheet("概况").RowsUsed().First(r => r.Cell(1).GetString() == "服务总数").Cell(2).GetDouble());
    }

    [Fact]
    public async Task The_ops_and_service_level_workbooks_download_by_ticket_day_and_half_year()
    {
        var known = await app.KnownAsync();
        var client = await SignedInAsync("manager");

        var ticket = await client.GetAsync(ServiceReportsEndpoints.OpsTicketUrl(known.T1.Number));
        var day = await client.GetAsync(ServiceReportsEndpoints.OpsDaysUrl(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2)));
        var half = await client.GetAsync(ServiceReportsEndpoints.ServiceLevelUrl(2026, 1));

        Assert.Equal($"高新区税务局办税服务厅_运维报告_{known.T1.Number}.xlsx", ticket.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("高新区税务局办税服务厅_运维报告_20260302-20260302.xlsx", day.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("高新区税务局办税服务厅_服务水平报告_2026年上半年.xlsx", half.Content.Headers.ContentDisposition?.FileNameStar);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "下载文件" && a.ActorName == "孙经理")
            .Select(a => a.EntityId).ToListAsync());
        Assert.Contains($"高新区税务局办税服务厅_运维报告_{known.T1.Number}.xlsx", audit);
        Assert.Contains("高新区税务局办税服务厅_服务水平报告_2026年上半年.xlsx", audit);
    }

    [Fact]
    public async Task An_engineer_is_turned_away_and_a_visitor_is_sent_to_sign_in()
    {
        await app.KnownAsync();

        var engineer = await (await SignedInAsync("eng1")).GetAsync(ServiceReportsEndpoints.MonthlyUrl(2026, 3));
        var visitor = await Browser().GetAsync(ServiceReportsEndpoints.MonthlyUrl(2026, 3));

        Assert.NotEqual(Xlsx, engineer.Content.Headers.ContentType?.MediaType);
        Assert.True(engineer.StatusCode == HttpStatusCode.Forbidden
                    || (engineer.StatusCode == HttpStatusCode.Redirect && engineer.Headers.Location!.OriginalString.Contains("/denied")),
            $"{engineer.StatusCode} {engineer.Headers.Location}");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/login", visitor.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/service-reports/monthly.xlsx?month=2026-08", "month", "2026年8月尚未开始，不能生成月度服务报告。")]
    [InlineData("/service-reports/monthly.xlsx?month=March", "month", "月份“March”无效，格式应为 yyyy-MM，如 2026-03。")]
    [InlineData("/service-reports/ops.xlsx?from=2026-03-02&to=2026-03-01", "to", "结束日期 2026-03-01 早于开始日期 2026-03-02，请重新选择日期范围。")]
    [InlineData("/service-reports/ops.xlsx", "from", "请选择报告的起止日期。")]
    [InlineData("/service-reports/service-level.xlsx?year=2026&half=3", "half", "请选择有效的年份和半年度（上半年或下半年）。")]
    public async Task Bad_input_is_answered_with_the_reason_in_chinese(string url, string field, string message)
    {
        await app.KnownAsync();

        var response = await (await SignedInAsync("manager")).GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Browser();
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("error", signIn.Headers.Location!.OriginalString);
        return client;
    }
}
