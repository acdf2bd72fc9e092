using System.Text.Json;
using HallBoard.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace HallBoard.Tests.Live;

/// <summary>Every event to a hall carries the hall's next sequence number, so a screen can tell it missed one
/// (docs/live-api.md, "Sequence numbers"). Uses the fixture's second hall, which has no tickets or engineers: only the
/// test's own changes reach it.</summary>
public sealed class HallHubSequenceTests(LiveHallFixture fixture) : IClassFixture<LiveHallFixture>
{
    private LiveHall Hall => fixture.Hall;

    [Fact]
    public async Task Consecutive_changes_of_a_hall_arrive_with_consecutive_numbers_after_the_one_JoinHall_answered()
    {
        var (hub, events, joinedAt) = await Hall.JoinedWithSequenceAsync(LiveHallFixture.OtherHallCode, fixture.OtherHallKey);
        await using var _ = hub;

        for (var tickets = 101; tickets <= 103; tickets++) await PublishFiguresAsync(tickets);
        await Hall.App.Get<HallNotifier>().PublishAsync(HallChange.AlertRaised(fixture.OtherHallId,
            new HallAlert("sequence:SM", "FewEngineers", "Warning", "在岗工程师不足 5 人", null, DateTime.UtcNow)));

        var received = new List<(string Name, long Sequence, JsonElement Payload)>();
        while (received.LastOrDefault().Name != "AlertRaised")
        {
            var (name, payload) = await events.NextAnyAsync();
            received.Add((name, payload.GetProperty("sequence").GetInt64(), payload));
        }

        Assert.Equal([joinedAt + 1, joinedAt + 2, joinedAt + 3, joinedAt + 4], received.Select(r => r.Sequence));
        Assert.Equal([101, 102, 103], received.Take(3).Select(r => r.Payload.GetProperty("tickets").GetInt32()));
        Assert.All(received, r => Assert.Equal("SM", r.Payload.GetProperty("hallCode").GetString()));
    }

    [Fact]
    public async Task A_screen_away_for_a_change_sees_a_gap_in_the_numbers_and_JoinHall_gives_it_the_number_to_resync_from()
    {
        var (steady, steadyEvents, _) = await Hall.JoinedWithSequenceAsync(LiveHallFixture.OtherHallCode, fixture.OtherHallKey);
        var (away, awayEvents, _) = await Hall.JoinedWithSequenceAsync(LiveHallFixture.OtherHallCode, fixture.OtherHallKey);
        await using var _ = steady;
        await using var __ = away;

        await PublishFiguresAsync(201);
        var first = Sequence(await awayEvents.NextAsync("FiguresChanged", Tickets(201)));
        Assert.Equal(first, Sequence(await steadyEvents.NextAsync("FiguresChanged", Tickets(201))));

        // The screen drops out of the hall (as on a network blip) while one change goes out.
        await away.InvokeAsync("LeaveHall", LiveHallFixture.OtherHallCode);
        await PublishFiguresAsync(202);
        Assert.Equal(first + 1, Sequence(await steadyEvents.NextAsync("FiguresChanged", Tickets(202))));

        var rejoined = await away.InvokeAsync<JsonElement>("JoinHall", LiveHallFixture.OtherHallCode);
        await PublishFiguresAsync(203);
        var next = Sequence(await awayEvents.NextAsync("FiguresChanged", Tickets(203)));
        Assert.Equal(first + 2, Sequence(await steadyEvents.NextAsync("FiguresChanged", Tickets(203))));

        Assert.NotEqual(first + 1, next); // the gap the screen detects: 202 never reached it
        Assert.Equal(first + 2, next);
        Assert.Equal(first + 1, rejoined.GetProperty("sequence").GetInt64()); // reload, then apply events after this number
    }

    private Task PublishFiguresAsync(int tickets) => Hall.App.Get<HallNotifier>().PublishAsync(
        HallChange.FiguresChanged(fixture.OtherHallId, new HallFigures(tickets, 0, tickets, 0, 0, null, null, null, null)));

    private static Func<JsonElement, bool> Tickets(int tickets) => e => e.GetProperty("tickets").GetInt32() == tickets;

    private static long Sequence(JsonElement e) => e.GetProperty("sequence").GetInt64();
}
