using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Admin;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>The browser app with a second admin and sessions re-checked every 2 s instead of 30.</summary>
public sealed class AdminBrowserHall : IAsyncLifetime
{
    public BrowserHall Hall { get; } = new();

    public AdminBrowserHall()
    {
        Hall.App.Settings["Bootstrap:SecondAdminUser"] = "admin2";
        Hall.App.Settings["Bootstrap:SecondAdminPassword"] = DemoData.Password;
        Hall.App.Settings["Account:RevalidateSeconds"] = "2";
    }

    public Task InitializeAsync() => Hall.InitializeAsync();
    public Task DisposeAsync() => Hall.DisposeAsync();

    public Task<Actor> AdminAsync(string userName) => Hall.App.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName) { Roles = new HashSet<string> { Roles.Admin }, AllHalls = true };
    });
}

[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class AdminGrantsBrowserTests(AdminBrowserHall fixture) : IClassFixture<AdminBrowserHall>
{
    private BrowserHall Hall => fixture.Hall;

    [Fact]
    public async Task A_new_hall_engineer_gets_rights_only_when_a_second_admin_approves_and_then_sees_only_that_hall()
    {
        var admin = await Hall.SignedInPageAsync("admin", at: "/admin/halls");
        await admin.FillAsync("#hall-code", "HB2");
        await admin.FillAsync("#hall-name", "滨海新区办税服务厅");
        await admin.ClickAsync("#hall-save");
        await admin.Locator(".hb-halls").GetByText("滨海新区办税服务厅").WaitForAsync();

        await BrowserHall.GoAsync(admin, "/admin/people/new");
        await admin.SelectOptionAsync("#person-hall", new SelectOptionValue { Label = "HB2 滨海新区办税服务厅" });
        await admin.FillAsync("#person-name", "周敏");
        await admin.FillAsync("#person-no", "B01");
        await admin.FillAsync("#person-phone", "13812345678");
        await admin.FillAsync("#person-major", "计算机科学与技术");
        await admin.ClickAsync("#person-save");
        await admin.Locator(".hb-people").GetByText("周敏").WaitForAsync();

        await BrowserHall.GoAsync(admin, "/admin/accounts");
        await admin.FillAsync("#account-user", "hb2eng");
        await admin.FillAsync("#account-display", "周敏");
        await admin.FillAsync("#account-password", DemoData.Password);
        await admin.SelectOptionAsync("#account-engineer", new SelectOptionValue { Label = "HB2 B01 周敏" });
        await admin.ClickAsync("#account-create");
        var accountRow = admin.Locator(".hb-accounts tr", new() { HasText = "hb2eng" });
        await accountRow.WaitForAsync();
        Assert.Contains("无", await accountRow.InnerTextAsync());

        await BrowserHall.GoAsync(admin, "/admin/grants");
        await admin.SelectOptionAsync("#grant-user", new SelectOptionValue { Label = "hb2eng（周敏）" });
        await admin.SelectOptionAsync("#grant-role", Roles.Engineer);
        await admin.SelectOptionAsync("#grant-hall", new SelectOptionValue { Label = "HB2 滨海新区办税服务厅" });
        await admin.FillAsync("#grant-reason", "HB2 新入职驻场工程师");
        await admin.ClickAsync("#grant-request");
        var grantRow = admin.Locator(".hb-grants tr", new() { HasText = "hb2eng" });
        await grantRow.GetByText("待审批").WaitForAsync();

        await grantRow.Locator(".hb-approve").ClickAsync();
        await admin.Locator("#grant-error").WaitForAsync();
        Assert.Equal("不能审批自己提出的授权申请，须由另一位管理员审批。", (await admin.Locator("#grant-error").InnerTextAsync()).Trim());
        Assert.Contains("待审批", await grantRow.InnerTextAsync());

        var second = await Hall.SignedInPageAsync("admin2", at: "/admin/grants");
        var row2 = second.Locator(".hb-grants tr", new() { HasText = "hb2eng" });
        await row2.Locator(".hb-approve").ClickAsync();
        await row2.GetByText("已批准").WaitForAsync();

        var hb2 = await Hall.App.WithDbAsync(db => db.Halls.SingleAsync(h => h.Code == "HB2"));
        var ticket = await Hall.App.Get<TicketCommands>().IntakeAsync(hb2.Id,
            new TicketDraft { TaxpayerName = "滨海纳税人", Description = "自助终端无法打印完税证明" }, HallAppFactory.Admin, takeNow: false);

        var engineer = await Hall.SignedInPageAsync("hb2eng", at: "/queue");
        await engineer.GetByText(ticket.Number).WaitForAsync();
        var queue = await engineer.InnerTextAsync("body");
        Assert.StartsWith("HB2-", ticket.Number);
        Assert.DoesNotContain("GX-", queue);
    }

    [Fact]
    public async Task A_revoked_role_ends_an_open_session_within_the_revalidation_interval()
    {
        var (admin1, admin2) = (await fixture.AdminAsync("admin"), await fixture.AdminAsync("admin2"));
        var gx = await Hall.App.DemoHallAsync();
        var userId = await Hall.App.Get<AccountAdmin>().CreateAsync("revokeme", "撤销测试", DemoData.Password, null, admin1);
        var grants = Hall.App.Get<PermissionGrants>();
        var grant = await grants.RequestForAccountAsync(userId, Roles.HallLead, gx.Id, "临时代班负责人", admin1);
        await grants.ApproveAsync(grant, admin2);

        var page = await Hall.SignedInPageAsync("revokeme", at: "/queue");
        await page.GetByRole(AriaRole.Heading, new() { Name = "大厅队列" }).WaitForAsync();

        await grants.RevokeAsync(grant, admin1);
        // The open circuit is signed out by the revalidation (every 2 s here, 30 s by default): it lands on sign-in.
        await page.Locator("#userName").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("/login", page.Url);
        await page.GotoAsync("/queue");
        Assert.Contains("/login?returnUrl=%2Fqueue", page.Url);
    }
}
