using System.Text.Json;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;

namespace HallBoard.Tests.Live;

/// <summary>Two app instances joined by Redis: a change made through one reaches screens on the other, once, and
/// both instances number a hall's events alike.</summary>
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task A_ticket_taken_in_on_instance_A_reaches_hub_clients_and_circuits_on_instance_B_once()
    {
        using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Live:Redis"] = redis.Endpoint };
        await using var a = LiveHall.Start(settings);
        await using var b = LiveHall.Start(settings);
        var onA = Record(a);
        var onB = Record(b);
        var (hubOnB, eventsOnB) = await b.JoinedAsync();
        await using var _ = hubOnB;
        var hallId = (await a.App.DemoHallAsync()).Id;

        var engineer = await a.App.EngineerActorAsync(2);
        var ticket = await a.App.Get<TicketCommands>().IntakeAsync(hallId, new TicketDraft
        {
            TaxpayerName = "林小红", TaxpayerPhone = "13812345678", Category = Category.Payment, Description = "三方协议扣款失败",
        }, engineer, takeNow: true);

        var received = await eventsOnB.NextAsync("TicketChanged", e => e.GetProperty("number").GetString() == ticket.Number);
        Assert.Equal("InProgress", received.GetProperty("status").GetString());
        Assert.Equal("林**", received.GetProperty("taxpayer").GetString());
        Assert.Equal("王芳", received.GetProperty("engineer").GetString());
        Assert.DoesNotContain("13812345678", received.GetRawText());

        var fromB = await onB.NextAsync(c => c.TicketNumber == ticket.Number);
        Assert.Equal("林**", fromB.Ticket?.Taxpayer);
        await onA.NextAsync(c => c.TicketNumber == ticket.Number);

        // Sentinels instead of waiting for nothing: Redis hands each instance the channel's messages in order, so the
        // echo of A's ticket message (on A) and any second copy (on B) would be delivered before the other's marker.
        await b.App.Get<HallNotifier>().PublishAsync(Marker(hallId, 900_001));
        await a.App.Get<HallNotifier>().PublishAsync(Marker(hallId, 900_002));
        await onA.NextAsync(c => c.Figures?.Tickets == 900_001);
        await onB.NextAsync(c => c.Figures?.Tickets == 900_002);
        var markerOnB = await eventsOnB.NextAsync("FiguresChanged", e => e.GetProperty("tickets").GetInt32() == 900_002);
        Assert.Equal(1, onA.Count(c => c.TicketNumber == ticket.Number));
        Assert.Equal(1, onB.Count(c => c.TicketNumber == ticket.Number));
        Assert.True(markerOnB.GetProperty("sequence").GetInt64() > received.GetProperty("sequence").GetInt64());

        var health = await b.App.CreateClient().GetStringAsync("/healthz");
        Assert.Equal("Healthy", health);
    }

    [Fact]
    public async Task Changes_published_on_both_instances_at_once_reach_screens_on_either_in_one_numbering_without_gaps()
    {
        using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Live:Redis"] = redis.Endpoint };
        await using var a = LiveHall.Start(settings);
        await using var b = LiveHall.Start(settings);
        var hallId = (await a.App.DemoHallAsync()).Id;
        var (hubOnA, eventsOnA, _) = await a.JoinedWithSequenceAsync();
        var (hubOnB, eventsOnB, _) = await b.JoinedWithSequenceAsync();
        await using var _ = hubOnA;
        await using var __ = hubOnB;

        var markers = Enumerable.Range(1, 10).Select(i => 910_000 + i).ToList();
        await Task.WhenAll(markers.Select(m => (m % 2 == 0 ? a : b).App.Get<HallNotifier>().PublishAsync(Marker(hallId, m))));

        var seenOnA = await UntilAllMarkersAsync(eventsOnA, markers);
        var seenOnB = await UntilAllMarkersAsync(eventsOnB, markers);

        AssertNoGaps(seenOnA);
        AssertNoGaps(seenOnB);
        Assert.Equal(Numbered(seenOnA), Numbered(seenOnB));
    }

    private static HallChange Marker(int hallId, int tickets) =>
        HallChange.FiguresChanged(hallId, new HallFigures(tickets, 0, 0, 0, 0, null, null, null, null));

    /// <summary>Every event until each marker was seen once, as (sequence, marker or null).</summary>
    private static async Task<List<(long Sequence, int? Marker)>> UntilAllMarkersAsync(EventLog events, IReadOnlyCollection<int> markers)
    {
        var seen = new List<(long, int?)>();
        var missing = markers.ToHashSet();
        while (missing.Count > 0)
        {
            var (name, payload) = await events.NextAnyAsync();
            int? marker = name == "FiguresChanged" && missing.Remove(payload.GetProperty("tickets").GetInt32())
                ? payload.GetProperty("tickets").GetInt32() : null;
            seen.Add((payload.GetProperty("sequence").GetInt64(), marker));
        }
        return seen;
    }

    private static void AssertNoGaps(List<(long Sequence, int? Marker)> seen) =>
        Assert.True(Enumerable.Range(0, seen.Count).Select(i => seen[0].Sequence + i).SequenceEqual(seen.Select(s => s.Sequence)),
            "a gap in " + string.Join(", ", seen.Select(s => $"{s.Sequence}:{s.Marker}")));

    private static Dictionary<int, long> Numbered(List<(long Sequence, int? Marker)> seen) =>
        seen.Where(s => s.Marker is not null).ToDictionary(s => s.Marker!.Value, s => s.Sequence);

    private static FeedLog Record(LiveHall hall)
    {
        var log = new FeedLog();
        hall.App.Get<HallFeed>().Subscribe(log.Add);
        return log;
    }

    private sealed class FeedLog
    {
        private readonly List<HallChange> _changes = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public Task Add(HallChange change)
        {
            lock (_changes) _changes.Add(change);
            _arrived.Release();
            return Task.CompletedTask;
        }

        public int Count(Func<HallChange, bool> match)
        {
            lock (_changes) return _changes.Count(match);
        }

        public async Task<HallChange> NextAsync(Func<HallChange, bool> match)
        {
            using var timeout = new CancellationTokenSource(LiveHall.Patience);
            while (true)
            {
                lock (_changes)
                    if (_changes.FirstOrDefault(match) is { } found) return found;
                await _arrived.WaitAsync(timeout.Token);
            }
        }
    }
}
