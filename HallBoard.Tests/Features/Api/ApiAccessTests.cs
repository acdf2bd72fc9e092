using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Domain;
using HallBoard.Features.Api;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HallBoard.Tests.Features.Api;

/// <summary>Who may call the API, and what an integrator can learn from the OpenAPI document.</summary>
public sealed class ApiAccessTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private static readonly Actor Admin = new("admin-test", "系统管理员");

    private HttpClient ClientWithKey(string? key)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_call_without_a_key_is_unauthorized_with_a_chinese_problem()
    {
        var response = await ClientWithKey(null).GetAsync("/api/tickets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Authorization", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_key_is_unauthorized_and_cannot_create_tickets()
    {
        var response = await ClientWithKey("hb_not_a_real_key").PostAsJsonAsync("/api/tickets", new { hallCode = "GX" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("接口密钥无效或已吊销。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_created_by_an_admin_authenticates_until_it_is_revoked()
    {
        var keys = app.Get<ApiKeys>();
        // A key reads only with a hall and the read scope (docs/security.md).
        var key = "hb_" + Guid.NewGuid().ToString("N");
        await keys.ImportAsync("12366 工单系统", key, Admin, default, (await app.DemoHallAsync()).Id, HallBoard.Data.ApiScopes.Read);
        var client = ClientWithKey(key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tickets?hall=GX")).StatusCode);

        var row = (await keys.ListAsync()).Single(k => k.Name == "12366 工单系统");
        Assert.StartsWith(row.Prefix, key, StringComparison.Ordinal);
        await keys.RevokeAsync(row.Id, Admin);

        var revoked = await client.GetAsync("/api/tickets?hall=GX");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("接口密钥无效或已吊销。", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_signed_in_session_cookie_is_not_an_api_key()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(browser, "admin", HallBoard.Data.DemoData.Password);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ticket_api_with_enum_names_and_bearer_keys()
    {
        var response = await ClientWithKey(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/tickets", paths);
        Assert.Contains("/api/tickets/{id}", paths);
        Assert.Contains("/api/tickets/{id}/follow-up", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p));

        var create = document.GetProperty("paths").GetProperty("/api/tickets").GetProperty("post");
        Assert.Equal("CreateTicket", create.GetProperty("operationId").GetString());
        Assert.Equal("录入工单", create.GetProperty("summary").GetString());
        Assert.True(create.TryGetProperty("requestBody", out _), "the intake body is documented");

        var text = document.GetRawText();
        Assert.Contains("\"ETaxWeb\"", text);
        Assert.Contains("bearer", text);
    }
}
