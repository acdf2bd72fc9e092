using System.Net;
using HallBoard.Data;
using HallBoard.Features.Account;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Account;

/// <summary>The sign-in form against guessing: it does not tell which names exist, cannot be used to lock the wall,
/// throttles only the address that keeps failing, and keeps failures with made-up names from flooding the audit.</summary>
public sealed class SignInAbuseTests(AddressedApp app) : IClassFixture<AddressedApp>
{
    private const string Invalid = "/login?error=invalid&returnUrl=%2F";

    private static async Task<string> SignInAsync(HttpClient client, string user, string password) =>
        (await FormPost.SignInAsync(client, user, password)).Headers.Location!.OriginalString;

    private Task<List<AuditEntry>> AuditAsync(string action, string entityId) => app.WithDbAsync(db =>
        db.AuditEntries.AsNoTracking().Where(a => a.Action == action && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Unknown_name_wrong_password_and_locked_account_get_the_same_answer_and_audit_outcome()
    {
        var client = app.From("10.0.1.1");
        var unknown = await SignInAsync(client, "nobody-here", "whatever-1");
        var wrong = await SignInAsync(client, "eng5", "wrong-password");

        var locker = app.From("10.0.1.2");
        for (var i = 0; i < 5; i++) await SignInAsync(locker, "eng6", "wrong-password");
        var locked = await SignInAsync(client, "eng6", DemoData.Password);

        Assert.Equal(Invalid, unknown);
        Assert.Equal(Invalid, wrong);
        Assert.Equal(Invalid, locked);
        var page = await client.GetStringAsync(locked);
        Assert.Contains("用户名或密码错误，或账户已被暂时锁定", page);
        Assert.DoesNotContain("已锁定，请", page);
        Assert.Equal(SignInEndpoint.FailedOutcome, Assert.Single(await AuditAsync("登录失败", "eng5")).After);
        Assert.All(await AuditAsync("登录失败", "eng6"), a => Assert.Equal(SignInEndpoint.FailedOutcome, a.After));
    }

    [Fact]
    public async Task Guessing_cannot_lock_the_wall_and_only_the_failing_address_is_refused()
    {
        var guesser = app.From("10.0.2.1");
        for (var i = 0; i < 12; i++) await SignInAsync(guesser, "wall", "guess-" + i);

        Assert.Equal("/login?error=throttled&returnUrl=%2F", await SignInAsync(guesser, "wall", DemoData.Password));
        Assert.Contains("本机登录失败次数过多", await guesser.GetStringAsync("/login?error=throttled"));

        var wallScreen = app.From("10.0.2.2");
        Assert.Equal("/", await SignInAsync(wallScreen, "wall", DemoData.Password));
        var wall = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "wall"));
        Assert.Null(wall.LockoutEnd);
    }

    [Fact]
    public async Task Failures_with_unknown_names_are_written_as_one_row_per_address_and_minute()
    {
        var script = app.From("10.0.3.1");
        foreach (var name in new[] { "root", "administrator", "test" }) await SignInAsync(script, name, "123456");
        Assert.Empty(await AuditAsync(UnknownSignIns.Action, "10.0.3.1"));

        app.FakeClock.Advance(TimeSpan.FromMinutes(1));
        await SignInAsync(script, "guest", "123456"); // the next attempt writes the minute that has ended

        var rows = await Eventually.ReadAsync(() => AuditAsync(UnknownSignIns.Action, "10.0.3.1"), r => r.Count > 0);
        var row = Assert.Single(rows);
        Assert.Contains("不存在的用户名 3 次", row.After);
        Assert.Contains("administrator", row.After);
        Assert.Equal("未知用户", row.ActorName);
        Assert.Empty(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == "root").ToListAsync()));
    }

    [Theory]
    [InlineData("/queue\r\nSet-Cookie: x=1")]
    [InlineData("/queue\u0000")]
    [InlineData("/\u202Eeuq")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_url_that_is_not_a_clean_local_path_leads_home(string returnUrl)
    {
        var client = app.From("10.0.4.1");

        var form = await client.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"returnUrl\" value=\"/\"", await form.Content.ReadAsStringAsync());

        var response = await FormPost.SubmitAsync(client, "/login", "/account/login", new Dictionary<string, string>
        {
            ["userName"] = "eng4", ["password"] = DemoData.Password, ["returnUrl"] = returnUrl,
        });
        // A NUL in a form field is refused outright (400); anything else signs in and goes home, never a 500.
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        if (response.StatusCode == HttpStatusCode.Redirect) Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
