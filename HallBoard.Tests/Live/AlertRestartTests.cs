using HallBoard.Features.Wall;
using HallBoard.Live;
using HallBoard.Tests.Features.Wall;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Live;

/// <summary>The alert monitor keeps what it announced in the database: after a restart, screens hear that an alert
/// ended while the app was down, and of one that began meanwhile.</summary>
[Trait("Provider", "Sqlite")] // restarts on the same SQLite file
public sealed class AlertRestartTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"hallboard-restart-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task After_a_restart_the_wall_hears_AlertCleared_for_what_ended_while_down_and_AlertRaised_for_what_began()
    {
        var settings = new Dictionary<string, string?> { ["Database:Path"] = _db };
        var clock = new FakeTimeProvider(FakeClockHall.Start); // a Friday, 09:00 in the hall: the SLA clock runs
        TestHall hall;
        string served, waiting, dutyAlert;

        await using (var before = LiveHall.Start(settings, clock))
        {
            hall = await TestHall.CreateAsync(before.App, engineers: 5);
            dutyAlert = DutyAlertSource.DutyAlertId(hall.Code);
            using var feed = new FeedRecorder(before.App);
            served = (await hall.IntakeAsync(before.App, "周九")).Number;
            clock.Advance(TimeSpan.FromMinutes(6));
            waiting = (await hall.IntakeAsync(before.App, "吴十")).Number;
            clock.Advance(TimeSpan.FromMinutes(5)); // the first has waited 11 minutes of its 10, the second 5

            await feed.WaitForAsync(c => c.Kind == HallChangeKind.AlertRaised && c.Alert!.AlertId == $"sla:response:{served}");
            await feed.WaitForAsync(c => c.Kind == HallChangeKind.AlertRaised && c.Alert!.AlertId == dutyAlert);
        }

        // While the app is down the first taxpayer is served, and the second waits past the target.
        await using (var connection = new SqliteConnection($"Data Source={_db}"))
        {
            await connection.OpenAsync();
            await using var close = connection.CreateCommand();
            close.CommandText = "UPDATE Tickets SET Status = 'Closed' WHERE Number = $number";
            close.Parameters.AddWithValue("$number", served);
            Assert.Equal(1, await close.ExecuteNonQueryAsync());
        }
        clock.Advance(TimeSpan.FromMinutes(7));

        await using var after = LiveHall.Start(settings, clock);
        var (wall, events) = await after.JoinedAsync(hall.Code, await after.ReadKeyForHallAsync(hall.Id));
        await using var _ = wall;
        clock.Advance(TimeSpan.FromSeconds(15)); // the restarted monitor's first check

        var cleared = await events.NextAsync("AlertCleared", e => e.GetProperty("alertId").GetString() == $"sla:response:{served}");
        Assert.Equal(served, cleared.GetProperty("ticketNumber").GetString());
        Assert.Equal($"{served}（发票）等待超过响应时限", cleared.GetProperty("message").GetString());
        var raised = await events.NextAsync("AlertRaised", e => e.GetProperty("alertId").GetString() == $"sla:response:{waiting}");
        Assert.Equal("Critical", raised.GetProperty("severity").GetString());

        var stored = await after.App.WithDbAsync(db => db.RaisedHallAlerts.Where(a => a.HallId == hall.Id)
            .Select(a => a.AlertId).OrderBy(id => id).ToListAsync());
        Assert.Equal(new[] { dutyAlert, $"sla:response:{waiting}" }.Order(), stored);
        // The engineers were short before and after: that alert was announced once, not again after the restart.
        Assert.Equal(1, await after.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "告警触发" && a.EntityId == dutyAlert)));
        Assert.Equal(1, await after.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "告警解除" && a.EntityId == $"sla:response:{served}")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_db + suffix); } catch (IOException) { }
    }
}
