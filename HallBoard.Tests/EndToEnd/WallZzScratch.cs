using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

public sealed class WallZzScratch(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task Scratch()
    {
        await using var server = new WallServerProcess();
        await server.StartAsync();
        var wall = await hall.SignedInPageAtAsync(server.BaseUrl, "wall", 1920, 1080);
        var log = new List<string>();
        wall.Console += (_, m) => { lock (log) log.Add($"{DateTime.Now:HH:mm:ss.fff} {m.Type}: {m.Text}"); };
        await wall.GotoAsync("/wall/GX");
        await wall.Locator(".wall-queue").WaitForAsync();
        await Task.Delay(1000);
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/scratch/wall.png" });
        await server.KillAsync();
        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(1000);
            var cls = await wall.EvaluateAsync<string>("() => document.getElementById('components-reconnect-modal')?.className + ' | ' + document.querySelectorAll('#components-reconnect-modal').length + ' | ' + (window.hallWallWatching)");
            lock (log) log.Add($"{DateTime.Now:HH:mm:ss.fff} class: {cls}");
        }
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/scratch/wall-down.png" });
        File.WriteAllLines("/tmp/scratch/log.txt", log);
    }
}
