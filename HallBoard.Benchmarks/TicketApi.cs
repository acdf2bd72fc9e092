using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HallBoard.Benchmarks;

public sealed record CreatedTicket(int Id, string Number);

/// <summary>The few calls of HallBoard's integration API (/api/tickets, Bearer key) the benchmark makes.</summary>
public static class TicketApi
{
    /// <summary>Takes a ticket in (one TicketChanged); null when the call failed.</summary>
    public static async Task<CreatedTicket?> IntakeAsync(HttpClient api, string taxpayer, string priority = "Normal")
    {
        try
        {
            using var response = await api.PostAsync("api/tickets", Json(new
            {
                hallCode = HallBoardProcess.HallCode, taxpayerName = taxpayer, channel = "Counter", category = "Consultation",
                kind = "Consultation", priority, description = "基准测试",
            }));
            if (response.StatusCode != HttpStatusCode.Created) return null;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new CreatedTicket(body.GetProperty("id").GetInt32(), body.GetProperty("number").GetString()!);
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    /// <summary>Takes the ticket for engineer E01 and resolves it, so it leaves the wall's queue and service lists.</summary>
    public static async Task<bool> TakeAndResolveAsync(HttpClient api, int id)
    {
        try
        {
            using var take = await api.PostAsync($"api/tickets/{id}/take", Json(new { engineerNo = "E01" }));
            if (!take.IsSuccessStatusCode) return false;
            using var resolve = await api.PostAsync($"api/tickets/{id}/resolve", Json(new { resolution = "基准测试" }));
            return resolve.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>A body with its length known up front (JsonContent would stream it chunked, in more packets).</summary>
    private static ByteArrayContent Json(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }
}
