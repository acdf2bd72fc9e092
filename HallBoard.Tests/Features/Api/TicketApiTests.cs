using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Api;

/// <summary>The integration API as a 12366 work-order system would call it: JSON over HTTP with a key.</summary>
public sealed class TicketApiTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private readonly HttpClient _api = app.ApiClient();

    private static object NewTicket(string name, string? taxpayerId = "91350100M000100Y43", string channel = "ETaxWeb", string? takeBy = null) => new
    {
        hallCode = "GX",
        taxpayerName = name,
        taxpayerId,
        taxpayerPhone = "13800138000",
        channel,
        category = "Invoice",
        kind = "Fault",
        priority = "High",
        description = "自助终端领用发票后打印失败",
        takeByEngineerNo = takeBy,
    };

    // Upper case: the search upper-cases its term and SQLite compares case-sensitively.
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    private async Task<JsonElement> CreateAsync(object body)
    {
        var response = await _api.PostAsJsonAsync("/api/tickets", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> CommandAsync(int id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _api.PostAsJsonAsync($"/api/tickets/{id}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{action}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _api.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string FirstError(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private Task<int> TicketsNamedAsync(string name) => app.WithDbAsync(db => db.Tickets.CountAsync(t => t.TaxpayerName == name));

    [Fact]
    public async Task A_ticket_runs_the_whole_closed_loop_through_the_api_and_the_timeline_records_every_step()
    {
        var name = Unique("闭环");
        var created = await _api.PostAsJsonAsync("/api/tickets", NewTicket(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = ticket.GetProperty("id").GetInt32();
        Assert.Equal($"/api/tickets/{id}", created.Headers.Location!.OriginalString);
        Assert.StartsWith("GX-", ticket.GetProperty("number").GetString());
        Assert.Equal("Waiting", ticket.GetProperty("status").GetString());
        var version = ticket.GetProperty("version").GetInt32();

        var read = await GetJsonAsync($"/api/tickets/{id}");
        Assert.Equal(name, read.GetProperty("taxpayerName").GetString());
        Assert.Equal("Invoice", read.GetProperty("category").GetString());
        Assert.Equal("待受理", read.GetProperty("statusLabel").GetString());

        var listed = await GetJsonAsync($"/api/tickets?hall=GX&status=Waiting&channel=ETaxWeb&q={name}");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetInt32());

        var taken = await CommandAsync(id, "take", new { engineerNo = "E01", version });
        Assert.Equal("InProgress", taken.GetProperty("status").GetString());
        var resolved = await CommandAsync(id, "resolve", new { resolution = "重新安装打印驱动后正常", version = taken.GetProperty("version").GetInt32() });
        Assert.Equal("Resolved", resolved.GetProperty("status").GetString());
        var followedUp = await CommandAsync(id, "follow-up", new { outcome = "Reached", note = "纳税人确认已解决" });
        Assert.Equal("FollowedUp", followedUp.GetProperty("status").GetString());
        var rated = await CommandAsync(id, "rate", new { level = "VerySatisfied", comment = "很专业" });
        Assert.Equal("Rated", rated.GetProperty("status").GetString());
        var closed = await CommandAsync(id, "close", new { reason = "Completed" });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());

        var detail = await GetJsonAsync($"/api/tickets/{id}");
        Assert.Equal("Closed", detail.GetProperty("status").GetString());
        Assert.Equal("张伟", detail.GetProperty("assigneeName").GetString());
        Assert.Equal("VerySatisfied", detail.GetProperty("rating").GetString());
        Assert.Equal("CallBack", detail.GetProperty("ratingSource").GetString());
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["Created", "Taken", "Resolved", "FollowUp", "Rated", "Closed"], timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(timeline, e => Assert.Equal("接口：开发环境密钥", e.GetProperty("actor").GetString()));
        Assert.Contains("重新安装打印驱动", timeline[2].GetProperty("note").GetString());

        var closedList = await GetJsonAsync($"/api/tickets?status=Closed&q={name}");
        Assert.Equal(1, closedList.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_ticket_taken_at_intake_can_be_handed_over_resolved_and_reopened()
    {
        var ticket = await CreateAsync(NewTicket(Unique("转交"), takeBy: "e03"));
        var id = ticket.GetProperty("id").GetInt32();
        Assert.Equal("InProgress", ticket.GetProperty("status").GetString());

        await CommandAsync(id, "handover", new { toEngineerNo = "E02", reason = "需要发票专岗处理" });
        await CommandAsync(id, "resolve", new { resolution = "更换打印纸后正常" });
        var reopened = await CommandAsync(id, "reopen", new { reason = "纳税人来电说又无法打印" });
        Assert.Equal("InProgress", reopened.GetProperty("status").GetString());

        var detail = await GetJsonAsync($"/api/tickets/{id}");
        Assert.Equal("王芳", detail.GetProperty("assigneeName").GetString());
        Assert.Equal(1, detail.GetProperty("reopenCount").GetInt32());
        Assert.Equal(["Created", "Taken", "HandedOver", "Resolved", "Reopened"],
            detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task The_list_filters_by_search_and_pages_with_totals()
    {
        var name = Unique("分页");
        for (var i = 0; i < 3; i++) await CreateAsync(NewTicket(name, channel: "MobileApp"));
        await CreateAsync(NewTicket(name, channel: "Counter"));

        var second = await GetJsonAsync($"/api/tickets?q={name}&channel=MobileApp&page=2&pageSize=2");
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(2, second.GetProperty("pageSize").GetInt32());
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.All(second.GetProperty("items").EnumerateArray(), t => Assert.Equal("MobileApp", t.GetProperty("channel").GetString()));

        var all = await GetJsonAsync($"/api/tickets?q={name}&view=Waiting");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var overdue = await GetJsonAsync($"/api/tickets?q={name}&view=Overdue");
        Assert.Equal(0, overdue.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bad_paging_and_filters_are_refused_with_a_message_per_field()
    {
        var problem = await GetJsonAsync("/api/tickets?page=0&pageSize=500&status=Lost&view=Mine&hall=XX", HttpStatusCode.BadRequest);
        Assert.Contains("页码", FirstError(problem, "page"));
        Assert.Contains("200", FirstError(problem, "pageSize"));
        Assert.Contains("Waiting", FirstError(problem, "status"));
        Assert.Contains("视图", FirstError(problem, "view"));
        Assert.Contains("不存在", FirstError(problem, "hall"));
    }

    [Fact]
    public async Task A_malformed_taxpayer_id_is_refused_with_a_chinese_field_error_and_nothing_is_saved()
    {
        var name = Unique("坏税号");
        var response = await _api.PostAsJsonAsync("/api/tickets", NewTicket(name, taxpayerId: "91350100M000100Y44"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("提交的内容有误", problem.GetProperty("title").GetString());
        Assert.Contains("校验位", FirstError(problem, "taxpayerId"));
        Assert.Equal(0, await TicketsNamedAsync(name));
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_field_error_listing_the_accepted_values()
    {
        var name = Unique("坏渠道");
        var response = await _api.PostAsJsonAsync("/api/tickets", NewTicket(name, channel: "Fax"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = FirstError(await response.Content.ReadFromJsonAsync<JsonElement>(), "channel");
        Assert.Contains("渠道“Fax”无效", message);
        Assert.Contains("ETaxWeb", message);
        Assert.Equal(0, await TicketsNamedAsync(name));

        var numeric = await _api.PostAsJsonAsync("/api/tickets", new { hallCode = "GX", taxpayerName = name, channel = 1, category = "Invoice", kind = "Fault", description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, numeric.StatusCode);
        Assert.Contains("渠道", FirstError(await numeric.Content.ReadFromJsonAsync<JsonElement>(), "channel"));
    }

    [Fact]
    public async Task Malformed_json_a_missing_body_a_form_body_and_missing_fields_get_clear_problems()
    {
        var malformed = await _api.PostAsync("/api/tickets", new StringContent("{\"hallCode\": \"GX\",", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("不是有效的 JSON", FirstError(await malformed.Content.ReadFromJsonAsync<JsonElement>(), "body"));

        var empty = await _api.PostAsync("/api/tickets/1/take", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("不能为空", FirstError(await empty.Content.ReadFromJsonAsync<JsonElement>(), "body"));

        var none = await _api.PostAsync("/api/tickets/1/take", null);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, none.StatusCode);
        Assert.Contains("JSON", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var form = await _api.PostAsync("/api/tickets", new StringContent("hallCode=GX", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("JSON", (await form.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var missing = await _api.PostAsJsonAsync("/api/tickets", new { hallCode = "ZZ" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("不存在", FirstError(problem, "hallCode"));
        Assert.Contains("纳税人名称", FirstError(problem, "taxpayerName"));
        Assert.Contains("渠道", FirstError(problem, "channel"));
        Assert.Contains("问题描述", FirstError(problem, "description"));
    }

    [Fact]
    public async Task An_unknown_engineer_number_is_a_field_error_and_the_ticket_stays_waiting()
    {
        var id = (await CreateAsync(NewTicket(Unique("工号")))).GetProperty("id").GetInt32();

        var problem = await CommandAsync(id, "take", new { engineerNo = "E99" }, HttpStatusCode.BadRequest);
        Assert.Contains("E99", FirstError(problem, "engineerNo"));
        Assert.Equal("Waiting", (await GetJsonAsync($"/api/tickets/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resolving_a_waiting_ticket_is_refused_as_a_conflict_with_a_chinese_reason()
    {
        var id = (await CreateAsync(NewTicket(Unique("非法")))).GetProperty("id").GetInt32();

        var response = await _api.PostAsJsonAsync($"/api/tickets/{id}/resolve", new { resolution = "已处理" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("不允许的操作", problem.GetProperty("title").GetString());
        Assert.Equal("工单当前状态为“待受理”，不能解决。", problem.GetProperty("detail").GetString());
        Assert.Equal("IllegalTransition", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Resolving_without_a_resolution_is_refused_as_unprocessable()
    {
        var id = (await CreateAsync(NewTicket(Unique("无方案"), takeBy: "E01"))).GetProperty("id").GetInt32();

        var problem = await CommandAsync(id, "resolve", new { resolution = " " }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("请填写解决方案。", problem.GetProperty("detail").GetString());
        Assert.Equal("ResolutionRequired", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_the_later_change_is_not_applied()
    {
        var ticket = await CreateAsync(NewTicket(Unique("并发")));
        var id = ticket.GetProperty("id").GetInt32();
        var readVersion = ticket.GetProperty("version").GetInt32();
        await CommandAsync(id, "take", new { engineerNo = "E01", version = readVersion });

        var problem = await CommandAsync(id, "take", new { engineerNo = "E02", version = readVersion }, HttpStatusCode.Conflict);

        Assert.Equal("数据已被修改", problem.GetProperty("title").GetString());
        Assert.Contains("刷新", problem.GetProperty("detail").GetString());
        Assert.Equal("张伟", (await GetJsonAsync($"/api/tickets/{id}")).GetProperty("assigneeName").GetString());
    }

    [Fact]
    public async Task A_missing_ticket_or_unknown_address_is_a_404_problem()
    {
        var problem = await GetJsonAsync("/api/tickets/999999", HttpStatusCode.NotFound);
        Assert.Equal("工单不存在。", problem.GetProperty("detail").GetString());

        var command = await CommandAsync(999999, "resolve", new { resolution = "x" }, HttpStatusCode.NotFound);
        Assert.Equal("未找到", command.GetProperty("title").GetString());

        // An address that exists for other methods is a 405 (issue 10), not a missing address.
        var delete = await _api.DeleteAsync("/api/tickets/1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        var unknown = await _api.DeleteAsync("/api/tickets/1/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var notANumber = await _api.GetAsync("/api/tickets/GX-20261127-0001");
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
        Assert.Equal("application/problem+json", notANumber.Content.Headers.ContentType?.MediaType);
    }
}
