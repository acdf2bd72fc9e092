using System.Net;
using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>One click to Excel: the manager gets their hall's figures; engineers do not; a reversed range is explained.</summary>
public sealed class DashboardWorkbookEndpointTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task The_manager_downloads_the_figures_of_their_own_hall()
    {
        var known = await app.KnownAsync();
        var client = await SignedInAsync("manager");

        // Another hall's id in the link does not matter: a manager with a hall gets their own.
        var response = await client.GetAsync($"/dashboard/figures.xlsx?hall={known.HallId}&from=2026-03-01&to=2026-03-03");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var book = new XLWorkbook(file);
        Assert.Equal("高新区税务局办税服务厅", book.Worksheet("概览").Cell(2, 2).GetString());
        Assert.Equal(12, book.Worksheets.Count);
    }

    [Fact]
    public async Task A_reversed_range_is_refused_with_the_reason()
    {
        var client = await SignedInAsync("lead");

        var response = await client.GetAsync("/dashboard/figures.xlsx?from=2026-03-05&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("早于开始日期", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_engineer_does_not_get_the_workbook()
    {
        var client = await SignedInAsync("eng1");

        var response = await client.GetAsync("/dashboard/figures.xlsx?from=2026-03-01&to=2026-03-03");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
