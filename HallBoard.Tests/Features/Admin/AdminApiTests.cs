using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Features.Admin;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HallBoard.Tests.Features.Admin;

/// <summary>The JSON endpoints under /api/admin answer a signed-in Admin with the pages' rules, and nobody else.</summary>
public sealed class AdminApiTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await FormPost.SignInAsync(client, userName, DemoData.Password);
        return client;
    }

    [Fact]
    public async Task An_admin_creates_a_hall_and_is_told_in_chinese_when_the_code_is_taken_while_others_are_refused()
    {
        var admin = await SignedInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/admin/halls", new HallBody("HA1", "API 创建的服务厅"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var halls = await admin.GetFromJsonAsync<JsonElement>("/api/admin/halls");
        Assert.Contains(halls.EnumerateArray(), h => h.GetProperty("code").GetString() == "HA1");

        var dup = await admin.PostAsJsonAsync("/api/admin/halls", new HallBody("HA1", "重复"));
        Assert.Equal(HttpStatusCode.BadRequest, dup.StatusCode);
        var problem = await dup.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("服务厅代码 HA1 已被使用。", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        var engineer = await SignedInAsync("eng1");
        var refused = await engineer.PostAsJsonAsync("/api/admin/halls", new HallBody("HA2", "工程师不能建厅"));
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/admin/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/admin/grants")).StatusCode);
        Assert.Equal(1, await app.AuditCountAsync("新增服务厅", "HA1"));
    }
}
