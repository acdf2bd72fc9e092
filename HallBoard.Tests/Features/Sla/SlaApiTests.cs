using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Sla;

/// <summary>Waiting on the taxpayer and resuming through the integration API, like the other transitions.</summary>
public sealed class SlaApiTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private readonly HttpClient _api = app.ApiClient();

    [Fact]
    public async Task An_integration_pauses_a_ticket_it_cannot_resolve_until_resumed()
    {
        var created = await PostAsync("/api/tickets", new
        {
            hallCode = "GX", taxpayerName = "接口等待", channel = "Hotline12366", category = "Invoice", kind = "Fault",
            description = "发票开具失败，需纳税人提供开票信息", takeByEngineerNo = "E01",
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        var missing = await PostAsync($"/api/tickets/{id}/wait-on-taxpayer", new { reason = " " }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("请填写等待纳税人的事项。", missing.GetRawText());

        var waiting = await PostAsync($"/api/tickets/{id}/wait-on-taxpayer", new { reason = "等待纳税人提供开票信息", version = created.GetProperty("version").GetInt32() });
        var read = await GetAsync($"/api/tickets/{id}");
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("pausedSinceUtc").ValueKind);
        Assert.False(read.GetProperty("overdue").GetBoolean());
        Assert.Equal("等待纳税人", read.GetProperty("timeline").EnumerateArray().Last().GetProperty("kindLabel").GetString());

        var refused = await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "已开具" }, HttpStatusCode.Conflict);
        Assert.Contains("工单正在等待纳税人，请先恢复处理再解决。", refused.GetRawText());

        await PostAsync($"/api/tickets/{id}/resume", new { version = waiting.GetProperty("version").GetInt32() });
        var resumed = await GetAsync($"/api/tickets/{id}");
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("pausedSinceUtc").ValueKind);
        Assert.Equal("恢复处理", resumed.GetProperty("timeline").EnumerateArray().Last().GetProperty("kindLabel").GetString());
        await PostAsync($"/api/tickets/{id}/resolve", new { resolution = "已开具" });

        var again = await PostAsync($"/api/tickets/{id}/resume", new { }, HttpStatusCode.Conflict);
        Assert.Contains("不能恢复处理", again.GetRawText());
    }

    private async Task<JsonElement> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _api.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _api.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
