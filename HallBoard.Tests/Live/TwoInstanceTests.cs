using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;

namespace HallBoard.Tests.Live;

/// <summary>Two app instances joined by Redis: a change made through one reaches screens on the other, once.</summary>
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

        var engineer = await a.App.EngineerActorAsync(2);
        var ticket = await a.App.Get<TicketCommands>().IntakeAsync((await a.App.DemoHallAsync()).Id, new TicketDraft
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
        // The echo of A's own message on Redis, and any second copy on B, would show up by now.
        await Task.Delay(500);
        Assert.Equal(1, onA.Count(c => c.TicketNumber == ticket.Number));
        Assert.Equal(1, onB.Count(c => c.TicketNumber == ticket.Number));
        // Figures and alerts may follow; a second copy of this ticket's notice must not.
        for (var next = await eventsOnB.NextOrNothingAsync(TimeSpan.FromMilliseconds(300)); next is not null;
             next = await eventsOnB.NextOrNothingAsync(TimeSpan.FromMilliseconds(300)))
            Assert.False(next.Value.Name == "TicketChanged" && next.Value.Payload.GetProperty("number").GetString() == ticket.Number,
                "the same ticket change reached instance B twice");

        var health = await b.App.CreateClient().GetStringAsync("/healthz");
        Assert.Equal("Healthy", health);
    }

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
