using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Audit;

/// <summary>The hash chain as an auditor meets it: edits and deletions made behind the app's back are reported by the
/// verify endpoint. Each test tampers with its own database.</summary>
public sealed class AuditChainTests
{
    private static readonly Actor Admin = new("admin-id", "系统管理员") { AllHalls = true, Roles = new HashSet<string> { Roles.Admin } };

    [Fact]
    public async Task Commands_leave_an_unbroken_chain_even_when_saved_at_the_same_time()
    {
        await using var app = new HallAppFactory();
        var hall = await app.DemoHallAsync();
        var engineers = await Task.WhenAll(Enumerable.Range(1, 4).Select(app.EngineerActorAsync));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            app.Get<TicketCommands>().IntakeAsync(hall.Id, Draft(), engineers[i % 4], takeNow: true)));

        var result = await app.Get<AuditVerifier>().VerifyAsync(Admin);
        Assert.True(result.Intact, result.Message(app.Get<HallBoard.Hosting.HallTime>()));
        var chain = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.HallId == hall.Id).OrderBy(a => a.Seq).ToListAsync());
        Assert.True(chain.Count >= 24);
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(n => (long?)n), chain.Select(a => a.Seq));
        Assert.Equal(chain.Count, chain.Select(a => a.PrevHash).Distinct().Count());
    }

    [Fact]
    public async Task Verifying_while_commands_are_saved_never_reports_a_break()
    {
        await using var app = new HallAppFactory();
        var hall = await app.DemoHallAsync();
        var engineers = await Task.WhenAll(Enumerable.Range(1, 4).Select(app.EngineerActorAsync));
        var verifier = app.Get<AuditVerifier>();

        var saving = Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            app.Get<TicketCommands>().IntakeAsync(hall.Id, Draft(), engineers[i % 4], takeNow: true)));
        var verifications = new List<AuditVerification>();
        do verifications.Add(await verifier.VerifyAsync(Admin));
        while (!saving.IsCompleted);
        await saving;

        Assert.All(verifications, v => Assert.True(v.Intact, v.Message(app.Get<HallBoard.Hosting.HallTime>())));
    }

    [Fact]
    public async Task An_audit_row_edited_with_raw_sql_is_reported_by_verify()
    {
        await using var app = new HallAppFactory();
        var target = await SomeTicketAuditAsync(app);
        using var admin = await SignedInAsync(app, "admin");
        Assert.Equal("完整", (await VerifyAsync(admin)).GetProperty("status").GetString());

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "After" = '已解决：无异常' WHERE "Id" = {target.Id}"""));

        var report = await VerifyAsync(admin);
        Assert.False(report.GetProperty("intact").GetBoolean());
        var broken = Assert.Single(report.GetProperty("breaks").EnumerateArray());
        Assert.Equal(target.Id, broken.GetProperty("rowId").GetInt64());
        Assert.Contains("被修改", broken.GetProperty("reason").GetString());
        Assert.Contains($"记录 #{target.Id}", report.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_deleted_row_is_reported_as_a_gap_before_the_next_one_and_a_deleted_last_row_at_the_end()
    {
        await using var app = new HallAppFactory();
        var target = await SomeTicketAuditAsync(app);
        var next = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.HallId == target.HallId && a.Seq == target.Seq + 1));

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {target.Id}"""));

        var result = await app.Get<AuditVerifier>().VerifyAsync(Admin);
        var gap = Assert.Single(result.Breaks);
        Assert.Equal(next.Id, gap.RowId);
        Assert.Contains("缺少 1 条", gap.Reason);

        await using var other = new HallAppFactory();
        var hall = await other.DemoHallAsync();
        var last = await other.WithDbAsync(db => db.AuditEntries.Where(a => a.HallId == hall.Id).OrderByDescending(a => a.Seq).FirstAsync());
        await other.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {last.Id}"""));
        var tail = Assert.Single((await other.Get<AuditVerifier>().VerifyAsync(Admin)).Breaks);
        Assert.Contains("末尾缺少记录", tail.Reason);
    }

    [Fact]
    public async Task A_hall_lead_verifies_its_own_hall_and_an_engineer_is_turned_away()
    {
        await using var app = new HallAppFactory();
        await SomeTicketAuditAsync(app);
        // A row of no hall (a sign-in of an unknown name) tampered: the admin sees it, the lead's hall is intact.
        using (var anyone = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
            await FormPost.SignInAsync(anyone, "nobody", "x");
        await app.Get<UnknownSignIns>().FlushAsync(all: true);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "ActorName" = '管理员' WHERE "HallId" IS NULL"""));

        using var lead = await SignedInAsync(app, "lead");
        using var admin = await SignedInAsync(app, "admin");
        using var engineer = await SignedInAsync(app, "eng1");

        Assert.Equal("完整", (await VerifyAsync(lead)).GetProperty("status").GetString());
        var adminReport = await VerifyAsync(admin);
        Assert.Equal(AuditVerifier.NoHallName, adminReport.GetProperty("breaks")[0].GetProperty("hall").GetString());
        var refused = await engineer.GetAsync(AuditEndpoints.VerifyPath);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    internal static async Task<AuditEntry> SomeTicketAuditAsync(HallAppFactory app)
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var ticket = await app.Get<TicketCommands>().IntakeAsync(hall.Id, Draft(), eng, takeNow: true);
        await app.Get<TicketCommands>().ResolveAsync(ticket.Id, ticket.Version, "已处理", eng);
        return await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == ticket.Number).OrderBy(a => a.Seq).FirstAsync());
    }

    internal static async Task<HttpClient> SignedInAsync(HallAppFactory app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.DoesNotContain("error", signIn.Headers.Location!.OriginalString);
        return client;
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient client)
    {
        var response = await client.GetAsync(AuditEndpoints.VerifyPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static TicketDraft Draft() => new()
    {
        TaxpayerName = "赵六",
        TaxpayerPhone = "13712345678",
        Channel = Channel.Counter,
        Category = Category.Payment,
        Kind = TicketKind.Consultation,
        Description = "三方协议缴款失败",
    };
}
