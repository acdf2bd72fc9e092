using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Security;

/// <summary>Each input that used to end in a 500 now gets a Chinese 4xx (or a 503 to retry) and saves nothing.</summary>
public sealed class EdgeAnswersTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private readonly HttpClient _api = app.ApiClient();

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<int> TicketCountAsync() => app.WithDbAsync(db => db.Tickets.CountAsync());

    [Theory]
    [InlineData("taxpayerName")]
    [InlineData("description")]
    [InlineData("channel")]
    [InlineData("hallCode")]
    public async Task A_lone_surrogate_in_api_json_is_a_400_with_a_chinese_message(string field)
    {
        var before = await TicketCountAsync();
        var fields = new Dictionary<string, string>
        {
            ["hallCode"] = "\"GX\"", ["taxpayerName"] = "\"某公司\"", ["channel"] = "\"Counter\"", ["category"] = "\"Invoice\"",
            ["kind"] = "\"Fault\"", ["description"] = "\"打印失败\"",
        };
        fields[field] = "\"a\\ud800b\"";
        var body = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";

        var problem = await ProblemAsync(await _api.PostAsync("/api/tickets", Json(body)), HttpStatusCode.BadRequest);

        Assert.Contains("包含无效的 Unicode 字符", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await TicketCountAsync());
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_and_a_wrong_method_a_405_naming_the_allowed_ones()
    {
        var huge = Json($$"""{"reason":"{{new string('长', 200_000)}}"}""");
        var tooLarge = await ProblemAsync(await _api.PostAsync("/api/tickets/1/reopen", huge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("请求体过大", tooLarge.GetProperty("detail").GetString());

        var delete = await _api.DeleteAsync("/api/tickets/1");
        var wrong = await ProblemAsync(delete, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("此接口不支持 DELETE 方法，请使用 GET。", wrong.GetProperty("detail").GetString());
        Assert.Equal(["GET"], delete.Content.Headers.Allow);

        var get = await ProblemAsync(await _api.GetAsync("/api/tickets/1/resolve"), HttpStatusCode.MethodNotAllowed);
        Assert.Contains("请使用 POST", get.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("page=2147483647")]
    [InlineData("page=10001")]
    [InlineData("page=99999999999")]
    [InlineData("page=0")]
    public async Task A_page_beyond_the_cap_is_a_400_not_an_overflow(string query)
    {
        var problem = await ProblemAsync(await _api.GetAsync($"/api/tickets?{query}"), HttpStatusCode.BadRequest);

        Assert.Equal("页码须为 1–10000 之间的整数。", problem.GetProperty("errors").GetProperty("page")[0].GetString());
    }

    [Fact]
    public async Task The_api_refuses_a_resident_id_born_in_the_future_as_the_form_does()
    {
        var before = await TicketCountAsync();
        var body = new { hallCode = "GX", taxpayerName = "张三", taxpayerId = "110105209901010012", channel = "Counter", category = "Invoice", kind = "Fault", description = "打印失败" };

        var problem = await ProblemAsync(await _api.PostAsJsonAsync("/api/tickets", body), HttpStatusCode.BadRequest);

        Assert.Equal("出生日期无效", problem.GetProperty("errors").GetProperty("taxpayerId")[0].GetString());
        Assert.Equal(before, await TicketCountAsync());
    }

    [Theory]
    [InlineData("/dashboard/figures.xlsx?from=9999-12-31&to=9999-12-31", "超出可选范围")]
    [InlineData("/dashboard/figures.xlsx?from=0001-01-01&to=0001-01-01", "超出可选范围")]
    [InlineData("/reports/tickets.xlsx?from=9999-12-31&to=9999-12-31", "超出可选范围")]
    [InlineData("/reports/tickets.xlsx?from=2020-01-01&to=2026-01-01", "日期范围最长 1096 天")]
    [InlineData("/knowledge/handbook.xlsx?from=9999-12-31&to=9999-12-31", "超出可选范围")]
    public async Task Workbook_filters_at_the_ends_of_the_calendar_answer_400_with_the_reason(string url, string reason)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPost.SignInAsync(client, "lead", DemoData.Password);

        var response = await client.GetAsync(url);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Contains(reason, text);
    }

    [Fact]
    public async Task The_audit_filter_refuses_the_last_day_of_the_calendar_with_a_message()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.Get<AuditQueries>().ListAsync(new AuditFilter { From = DateOnly.MaxValue, To = DateOnly.MaxValue, Page = int.MaxValue }));

        Assert.Equal("开始日期 9999-12-31 超出可选范围（2000-01-01 至 2099-12-31）。", error.Message);
        var far = await app.Get<AuditQueries>().ListAsync(new AuditFilter { Page = int.MaxValue, PageSize = int.MaxValue });
        Assert.Equal(AuditQueries.MaxPage, far.Page);
    }

    [Theory]
    [InlineData("%C3%BC%C3%BC")]
    [InlineData("%E8%AF%84%E4%BB%B7")]
    [InlineData("abc%0D%0ALocation:x")]
    public async Task A_rating_token_that_cannot_be_a_link_is_a_404_not_a_broken_redirect(string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await FormPost.SubmitAsync(client, "/login", $"/rate/{token}", new Dictionary<string, string> { ["level"] = "1" });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} {text}");
        Assert.Contains("评价链接无效", text);
    }

    [Fact, Trait("Provider", "Sqlite")] // holds SQLite's write lock from outside the app
    public async Task A_locked_database_answers_503_with_retry_after_and_not_already_modified()
    {
        // Its own app with a one-second wait for the lock (Database:BusyTimeoutSeconds), so the refusal comes quickly.
        await using var lockedApp = new HallAppFactory { Settings = { ["Database:BusyTimeoutSeconds"] = "1" } };
        using var api = lockedApp.ApiClient();
        var created = await (await api.PostAsJsonAsync("/api/tickets", new
        {
            hallCode = "GX", taxpayerName = "锁表测试", channel = "Counter", category = "Invoice", kind = "Fault", description = "打印失败",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var path = await lockedApp.WithDbAsync(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));

        await using (var holder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var response = await api.PostAsJsonAsync($"/api/tickets/{id}/take", new { engineerNo = "E01" });
            // The configured wait bounds the answer (the driver's own 30 s retry once held it much longer).
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"answered after {waited.Elapsed.TotalSeconds:0.0} s");
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("系统繁忙，请稍后重试。", problem.GetProperty("detail").GetString());
            Assert.NotNull(response.Headers.RetryAfter);
        }
        var ticket = await lockedApp.WithDbAsync(db => db.Tickets.SingleAsync(t => t.Id == id));
        Assert.Equal(created.GetProperty("version").GetInt32(), ticket.Version);
    }
}
