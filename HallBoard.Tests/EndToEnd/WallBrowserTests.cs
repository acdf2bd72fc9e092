using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>The wall screen in Chromium at 1920×1080: live without reloading, and back by itself after a restart.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class WallBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    private const int Width = 1920;
    private const int Height = 1080;

    [Fact]
    public async Task A_ticket_taken_in_appears_on_the_wall_without_reload_and_moves_to_in_service_when_taken()
    {
        var wall = await WallAsync(hall.BaseUrl);
        await wall.EvaluateAsync("() => window.notReloaded = true");

        var engineer = await hall.App.EngineerActorAsync(1);
        var commands = hall.App.Get<TicketCommands>();
        var ticket = await commands.IntakeAsync(engineer.HallId!.Value, new TicketDraft
        {
            TaxpayerName = "欧阳明月", TaxpayerId = "11010519491231002X", TaxpayerPhone = "13912345678",
            Channel = Channel.ETaxWeb, Category = Category.Invoice, Kind = TicketKind.Fault, Description = "发票领用后无法打印",
        }, engineer, takeNow: false);

        var waiting = wall.Locator($".wall-queue [data-number='{ticket.Number}']");
        await waiting.WaitForAsync();
        var row = await waiting.InnerTextAsync();
        Assert.Contains("欧**", row);
        Assert.Contains("发票", row);
        var screen = await wall.Locator(".wall").InnerTextAsync();
        Assert.DoesNotContain("欧阳明月", screen);
        Assert.DoesNotContain("11010519491231002X", screen);
        Assert.DoesNotContain("13912345678", screen);

        await commands.TakeAsync(ticket.Id, ticket.Version, engineer.EngineerId!.Value, engineer);

        await wall.Locator($".wall-service [data-number='{ticket.Number}']").WaitForAsync();
        await waiting.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Contains(engineer.Name, await wall.Locator($".wall-service [data-number='{ticket.Number}']").InnerTextAsync());
        Assert.True(await wall.EvaluateAsync<bool>("() => window.notReloaded === true"), "the wall reloaded");
        Assert.True(await wall.EvaluateAsync<bool>(
            "() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"),
            "the wall scrolls");
        Assert.False(await wall.Locator("#components-reconnect-modal").IsVisibleAsync());

        // The clock ticks in the browser (the server draws the header once), in the hall's time.
        var shown = await wall.Locator(".wall-time").InnerTextAsync();
        await wall.WaitForFunctionAsync("t => document.querySelector('.wall-time').textContent.trim() !== t", shown.Trim());
        Assert.Matches(@"^\d{2}:\d{2}:\d{2}$", (await wall.Locator(".wall-time").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task The_wall_shows_a_stale_mark_while_the_server_is_down_and_recovers_by_itself_after_a_restart()
    {
        await using var server = new WallServerProcess();
        await server.StartAsync();
        var wall = await WallAsync(server.BaseUrl);
        var stale = wall.Locator("#components-reconnect-modal");
        Assert.False(await stale.IsVisibleAsync());

        await server.KillAsync();

        await stale.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        Assert.Matches(@"^已断开 自 \d{2}:\d{2}$", (await stale.InnerTextAsync()).Trim());
        Assert.Empty(await wall.Locator("#components-reconnect-modal button, .components-reconnect-dialog").AllAsync());

        await server.StartAsync();
        var back = Stopwatch.StartNew();
        var number = await TakeInAsync(server, "林小红");

        try
        {
            await wall.Locator($".wall-queue [data-number='{number}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The wall did not show the new ticket within 20 s of the restart.\n{server.Output}");
        }
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(13), $"The wall came back after {back.Elapsed.TotalSeconds:0.0} s (target 10 s)");
        Assert.False(await stale.IsVisibleAsync());
        Assert.Contains("林**", await wall.Locator($".wall-queue [data-number='{number}']").InnerTextAsync());
    }

    /// <summary>The wall account signs in and lands on its hall's wall by itself; returns once the wall is live
    /// (past the server-rendered first paint: the circuit is up and wall.js watches the connection).</summary>
    private async Task<IPage> WallAsync(string baseUrl)
    {
        var wall = await hall.SignedInPageAtAsync(baseUrl, "wall", Width, Height);
        await wall.Locator(".wall-queue").WaitForAsync();
        await wall.WaitForFunctionAsync("() => location.pathname === '/wall/GX' && window.hallWallWatching === true");
        return wall;
    }

    private static async Task<string> TakeInAsync(WallServerProcess server, string taxpayer)
    {
        using var api = server.ApiClient();
        var response = await api.PostAsJsonAsync("/api/tickets", new
        {
            hallCode = DemoData.HallCode, taxpayerName = taxpayer, channel = "MobileApp", category = "Payment",
            kind = "Consultation", description = "三方协议扣款失败",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("number").GetString()!;
    }
}
