using System.Net;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace HallBoard.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Health_reports_the_database_answering()
    {
        await using var app = new HallAppFactory();
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_need_sign_in_except_sign_in_and_rating()
    {
        await using var app = new HallAppFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var page in new[] { "/queue", "/intake", "/audit", "/admin/api-keys" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/rate/whatever")).StatusCode);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_configured_first_admin()
    {
        await using var app = new ProductionFactory(adminUser: null);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Bootstrap:AdminUser", error.ToString());
    }

    [Fact]
    public async Task Production_creates_the_configured_admin_and_no_demo_accounts()
    {
        await using var app = new ProductionFactory(adminUser: "root");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var demo = await FormPost.SignInAsync(client, "eng1", HallBoard.Data.DemoData.Password);
        Assert.Contains("error=invalid", demo.Headers.Location!.ToString());
        var admin = await FormPost.SignInAsync(client, "root", "Str0ng-Admin-Passw0rd");
        Assert.Equal("/", admin.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Production_creates_the_configured_second_admin_so_grants_can_be_approved()
    {
        await using var app = new ProductionFactory(adminUser: "root", secondAdmin: "root2");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var second = await FormPost.SignInAsync(client, "root2", "An0ther-Admin-Passw0rd");
        Assert.Equal("/", second.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/grants")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        await using var app = new HallAppFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
            await FormPost.SignInAsync(client, "eng3", "wrong-password");
        var right = await FormPost.SignInAsync(client, "eng3", HallBoard.Data.DemoData.Password);
        // Refused with the same answer as a wrong password, so the form does not tell that the name exists.
        Assert.Contains("error=invalid", right.Headers.Location!.ToString());
    }

    private sealed class ProductionFactory(string? adminUser, string? secondAdmin = null) : HallAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Bootstrap:AdminUser", adminUser);
            builder.UseSetting("Bootstrap:AdminPassword", adminUser is null ? null : "Str0ng-Admin-Passw0rd");
            builder.UseSetting("Bootstrap:SecondAdminUser", secondAdmin);
            builder.UseSetting("Bootstrap:SecondAdminPassword", secondAdmin is null ? null : "An0ther-Admin-Passw0rd");
        }
    }
}
