using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.Account;
using HallBoard.Features.Api;
using HallBoard.Features.Api.Pages;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HallBoard.Tests.Features.Api;

/// <summary>The admin page for integration keys, rendered with the app's real key service and database.</summary>
public sealed class ApiKeysPageTests : IClassFixture<HallAppFactory>, IAsyncLifetime
{
    private readonly HallAppFactory _app;
    private readonly BunitContext _ui = new();

    public ApiKeysPageTests(HallAppFactory app)
    {
        _app = app;
        _ui.JSInterop.Mode = JSRuntimeMode.Loose;
        _ui.Services.AddMudServices();
        _ui.Services.AddSingleton(app.Get<ApiKeys>());
        _ui.Services.AddSingleton(app.Get<HallTime>());
        _ui.Services.AddSingleton(app.Get<HallBoard.Features.Admin.HallAdmin>());
        _ui.AddAuthorization().SetAuthorized("admin").SetRoles(Roles.Admin)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin-id"), new Claim(HallClaims.DisplayName, "系统管理员"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services can only be disposed asynchronously.
    public async Task DisposeAsync() => await _ui.DisposeAsync();

    private HttpClient Client(string key)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<string> CreateKeyThroughThePageAsync(IRenderedComponent<ApiKeysPage> page, string name)
    {
        page.Find("input").Change(name);
        page.FindAll("button").First(b => b.TextContent.Contains("创建密钥")).Click();
        page.WaitForState(() => page.FindAll(".hb-plain-key").Count == 1);
        return page.Find(".hb-plain-key").TextContent.Trim();
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_and_then_authenticates_api_calls()
    {
        var page = _ui.Render<ApiKeysPage>();

        var key = await CreateKeyThroughThePageAsync(page, "叫号系统");

        Assert.StartsWith("hb_", key);
        Assert.Contains("只显示这一次", page.Markup);
        Assert.Contains("叫号系统", page.Find("table").TextContent);
        Assert.Contains("系统管理员", page.Find("table").TextContent);
        // A new key reads its one hall only; more is a permission grant.
        var created = page.FindAll("tr").Single(r => r.TextContent.Contains("叫号系统")).TextContent;
        Assert.Contains("GX · read", created);
        Assert.DoesNotContain("write", created);
        Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync("/api/tickets?hall=GX")).StatusCode);

        page.FindAll("button").First(b => b.TextContent.Contains("我已保存")).Click();
        Assert.DoesNotContain(key, page.Markup);
        Assert.DoesNotContain(key, _ui.Render<ApiKeysPage>().Markup);
    }

    [Fact]
    public void A_key_without_a_name_is_refused_on_the_field_and_no_key_is_shown()
    {
        var page = _ui.Render<ApiKeysPage>();

        page.FindAll("button").First(b => b.TextContent.Contains("创建密钥")).Click();

        page.WaitForAssertion(() => Assert.Contains("请填写密钥名称", page.Markup));
        Assert.Empty(page.FindAll(".hb-plain-key"));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_and_then_the_key_stops_working()
    {
        var dialogs = _ui.Render<MudDialogProvider>();
        var page = _ui.Render<ApiKeysPage>();
        var key = await CreateKeyThroughThePageAsync(page, "待吊销系统");
        var row = () => page.FindAll("tr").Single(r => r.TextContent.Contains("待吊销系统"));

        row().QuerySelector("button.hb-revoke")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("此操作不能撤销", dialogs.Markup));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "取消").Click();
        Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync("/api/tickets?hall=GX")).StatusCode);

        row().QuerySelector("button.hb-revoke")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("此操作不能撤销", dialogs.Markup));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "吊销").Click();
        page.WaitForAssertion(() => Assert.Contains("已吊销", row().TextContent));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(key).GetAsync("/api/tickets?hall=GX")).StatusCode);
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("lead", false)]
    [InlineData("eng1", false)]
    public async Task Only_admins_can_open_the_key_page(string userName, bool allowed)
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await FormPost.SignInAsync(browser, userName, HallBoard.Data.DemoData.Password);

        var page = await browser.GetAsync("/admin/api-keys");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(allowed, html.Contains("创建密钥"));
        Assert.Equal(allowed, html.Contains("开发环境密钥"));
    }
}
