using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Api;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Api;

/// <summary>A key reaches only its own hall, only with its scopes, sees taxpayer ID and phone only with pii, and every read is audited.</summary>
public sealed class ApiKeyScopeTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private const string TaxpayerId = "91350100M000100Y43";
    private const string Phone = "13800138000";

    private async Task<HttpClient> KeyAsync(int? hallId, params string[] scopes)
    {
        var key = "hb_scope_" + Guid.NewGuid().ToString("N");
        await app.Get<ApiKeys>().ImportAsync("测试密钥" + key[^6..], key, Actor.System, default, hallId, scopes);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<int> OtherHallAsync() => await app.WithDbAsync(async db =>
    {
        var other = await db.Halls.FirstOrDefaultAsync(h => h.Code == "SM");
        if (other is null)
        {
            other = new Hall { Code = "SM", Name = "思明区税务局办税服务厅" };
            db.Halls.Add(other);
            await db.SaveChangesAsync();
        }
        return other.Id;
    });

    private async Task<(int Id, string Number)> TicketAsync()
    {
        var response = await app.ApiClient().PostAsJsonAsync("/api/tickets", new
        {
            hallCode = "GX", taxpayerName = "厦门某某科技有限公司", taxpayerId = TaxpayerId, taxpayerPhone = Phone,
            channel = "ETaxWeb", category = "Invoice", kind = "Fault", description = "发票打印失败",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetInt32(), created.GetProperty("number").GetString()!);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task A_read_only_key_reads_but_is_refused_every_change_and_nothing_changes()
    {
        var hall = await app.DemoHallAsync();
        var (id, _) = await TicketAsync();
        var reader = await KeyAsync(hall.Id, ApiScopes.Read);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/tickets/{id}")).StatusCode);
        var take = await reader.PostAsJsonAsync($"/api/tickets/{id}/take", new { engineerNo = "E01" });
        Assert.Equal(HttpStatusCode.Forbidden, take.StatusCode);
        Assert.Contains("没有写入权限", await DetailAsync(take));
        var create = await reader.PostAsJsonAsync("/api/tickets", new { hallCode = "GX" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        var status = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());
        Assert.Equal(TicketStatus.Waiting, status);
    }

    [Fact]
    public async Task A_write_only_key_cannot_read_tickets()
    {
        var hall = await app.DemoHallAsync();
        var writer = await KeyAsync(hall.Id, ApiScopes.Write);

        var list = await writer.GetAsync("/api/tickets");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Contains("没有读取权限", await DetailAsync(list));
    }

    [Fact]
    public async Task A_key_bound_to_no_hall_sees_nothing()
    {
        var (id, _) = await TicketAsync();
        var unbound = await KeyAsync(null, ApiScopes.Read, ApiScopes.Write);

        foreach (var response in new[] { await unbound.GetAsync("/api/tickets"), await unbound.GetAsync($"/api/tickets/{id}") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(Actor.NoHallMessage, await DetailAsync(response));
        }
    }

    [Fact]
    public async Task A_key_of_another_hall_does_not_find_this_halls_tickets_and_cannot_write_here()
    {
        var (id, number) = await TicketAsync();
        var other = await KeyAsync(await OtherHallAsync(), ApiScopes.Read, ApiScopes.Write);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/tickets/{id}")).StatusCode);
        var take = await other.PostAsJsonAsync($"/api/tickets/{id}/take", new { engineerNo = "E01" });
        Assert.Equal(HttpStatusCode.NotFound, take.StatusCode);
        var list = await other.GetAsync("/api/tickets?hall=GX");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Contains("只能访问其绑定的办税服务厅", await DetailAsync(list));
        var own = await (await other.GetAsync($"/api/tickets?q={number}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, own.GetProperty("total").GetInt32());

        var before = await app.WithDbAsync(db => db.Tickets.CountAsync());
        var create = await other.PostAsJsonAsync("/api/tickets", new
        {
            hallCode = "GX", taxpayerName = "某某", channel = "ETaxWeb", category = "Invoice", kind = "Fault", description = "越权录入",
        });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task Taxpayer_id_and_phone_are_masked_unless_the_key_has_pii()
    {
        var hall = await app.DemoHallAsync();
        var (id, _) = await TicketAsync();

        var masked = await (await KeyAsync(hall.Id, ApiScopes.Read)).GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal("9135**********0Y43", masked.GetProperty("taxpayerId").GetString());
        Assert.Equal("138****8000", masked.GetProperty("taxpayerPhone").GetString());

        var clear = await (await KeyAsync(hall.Id, ApiScopes.Read, ApiScopes.Pii)).GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        Assert.Equal(TaxpayerId, clear.GetProperty("taxpayerId").GetString());
        Assert.Equal(Phone, clear.GetProperty("taxpayerPhone").GetString());
    }

    [Fact]
    public async Task Every_read_of_a_ticket_and_of_a_list_is_audited_with_whether_it_was_masked()
    {
        var hall = await app.DemoHallAsync();
        var (id, number) = await TicketAsync();
        var reader = await KeyAsync(hall.Id, ApiScopes.Read);

        await reader.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
        await app.ApiClient().GetFromJsonAsync<JsonElement>($"/api/tickets?q={number}");

        var reads = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == ApiReadAudit.Action).OrderBy(a => a.Id).ToListAsync());
        var single = Assert.Single(reads, a => a.EntityId == number);
        Assert.StartsWith("接口：测试密钥", single.ActorName);
        Assert.Equal(ApiReadAudit.Disclosure(pii: false), single.After);
        var listed = Assert.Single(reads, a => a.After!.Contains(number) && a.EntityId is null);
        Assert.Equal("接口：开发环境密钥", listed.ActorName);
        Assert.StartsWith(ApiReadAudit.Disclosure(pii: true), listed.After);
    }
}
