using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Reports;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Reports;

/// <summary>GET /reports/tickets.xlsx as a browser calls it, signed in through the login form.</summary>
public sealed class TicketExportEndpointTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private const string March2 = "/reports/tickets.xlsx?from=2026-03-02&to=2026-03-02";
    private const string GxFile = "高新区税务局办税服务厅_工单明细_20260302-20260302.xlsx";

    [Theory]
    [InlineData("manager")]
    [InlineData("lead")]
    public async Task A_manager_or_hall_lead_downloads_the_day_of_their_own_hall_as_a_named_workbook(string user)
    {
        var numbers = await TicketsOnMarch2Async();

        var response = await (await SignedInAsync(user)).GetAsync(March2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(GxFile, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(numbers.Gx, await NumbersInAsync(response));
    }

    [Fact]
    public async Task An_admin_without_a_hall_gets_every_hall_in_one_file()
    {
        await TicketsOnMarch2Async();

        var response = await (await SignedInAsync("admin")).GetAsync(March2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("全部服务厅_工单明细_20260302-20260302.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        // In the order they were logged: 09:00 and 14:00 in the demo hall, 11:00 in the other one.
        Assert.Equal(["GX-20260302-9001", "XA-20260302-9001", "GX-20260302-9002"], await NumbersInAsync(response));
    }

    [Fact]
    public async Task An_engineer_is_turned_away_and_a_visitor_is_sent_to_sign_in()
    {
        await TicketsOnMarch2Async();

        var engineer = await (await SignedInAsync("eng1")).GetAsync(March2);
        var visitor = await Browser().GetAsync(March2);

        Assert.True(engineer.StatusCode == HttpStatusCode.Forbidden
                    || (engineer.StatusCode == HttpStatusCode.Redirect && engineer.Headers.Location!.OriginalString.Contains("/denied")),
            $"{engineer.StatusCode} {engineer.Headers.Location}");
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", engineer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.Contains("/login", visitor.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_reversed_range_is_answered_with_the_reason_in_chinese()
    {
        var response = await (await SignedInAsync("manager")).GetAsync("/reports/tickets.xlsx?from=2026-03-02&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("结束日期 2026-03-01 早于开始日期 2026-03-02，请重新选择日期范围。",
            problem.RootElement.GetProperty("errors").GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task Each_download_is_in_the_audit_log_with_who_and_how_many_rows()
    {
        var numbers = await TicketsOnMarch2Async();
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "导出工单明细" && a.ActorName == "孙经理"));

        var response = await (await SignedInAsync("manager")).GetAsync(
            ReportsEndpoints.TicketExportUrl(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2), TicketStatus.Waiting));
        await response.Content.ReadAsByteArrayAsync();

        var entries = await app.WithDbAsync(db => db.AuditEntries
            .Where(a => a.Action == "导出工单明细" && a.ActorName == "孙经理").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(before + 1, entries.Count);
        using var what = JsonDocument.Parse(entries[^1].After!);
        Assert.Equal("Waiting", what.RootElement.GetProperty("status").GetString());
        Assert.Equal(numbers.Gx.Count, what.RootElement.GetProperty("rows").GetInt32());
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

    private static async Task<List<string>> NumbersInAsync(HttpResponseMessage response)
    {
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = new XLWorkbook(file);
        var sheet = book.Worksheet(1);
        return Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1).Select(r => sheet.Cell(r, 1).GetString()).ToList();
    }

    /// <summary>Two waiting tickets in the demo hall on 2 March 2026 (09:00 and 14:00 hall time), one in another hall.</summary>
    private async Task<(List<string> Gx, string OtherHall)> TicketsOnMarch2Async() => await app.WithDbAsync(async db =>
    {
        var existing = await db.Tickets.Where(t => t.Number.StartsWith("GX-20260302-9") || t.Number.StartsWith("XA-20260302-9"))
            .OrderBy(t => t.CreatedUtc).Select(t => t.Number).ToListAsync();
        if (existing.Count > 0) return (existing.Where(n => n.StartsWith("GX")).ToList(), existing.Single(n => n.StartsWith("XA")));

        var gx = await db.Halls.SingleAsync(h => h.Code == DemoData.HallCode);
        var other = new Hall { Code = "XA", Name = "新安办税服务厅" };
        db.Halls.Add(other);
        await db.SaveChangesAsync();
        var sla = new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
        var by = new Actor("test:export", "测试");
        var draft = new TicketDraft { TaxpayerName = "测试纳税人", Description = "导出测试用工单" };
        DateTime At(int hour) => new DateTime(2026, 3, 2, hour, 0, 0, DateTimeKind.Utc).AddHours(-8);
        db.Tickets.AddRange(
            Ticket.Open(gx.Id, "GX-20260302-9001", draft, sla, by, At(9)),
            Ticket.Open(gx.Id, "GX-20260302-9002", draft, sla, by, At(14)),
            Ticket.Open(other.Id, "XA-20260302-9001", draft, sla, by, At(11)));
        await db.SaveChangesAsync();
        return (["GX-20260302-9001", "GX-20260302-9002"], "XA-20260302-9001");
    });
}
