namespace HallBoard.Live;

/// <summary>Carries change notices to every app instance; each instance hands them to <see cref="HallDelivery"/>.</summary>
public interface IHallBus
{
    Task PublishAsync(HallChange change);
}

/// <summary>The default bus: one app instance, so publishing is delivering.</summary>
public sealed class InProcessHallBus(HallDelivery delivery) : IHallBus
{
    public Task PublishAsync(HallChange change) => delivery.DeliverAsync(change);
}

/// <summary>What an instance does with each change it hears of: hub clients and subscribed circuits, side by side.
/// A change hub clients receive gets its hall's next number first (<see cref="HallSequencer"/>).</summary>
public sealed class HallDelivery(HallFeed feed, HubBroadcaster hub, HallSequencer sequencer, HubKeyConnections keys)
{
    /// <summary>Delivers a change of this instance, numbered by this instance's own count.</summary>
    public Task DeliverAsync(HallChange change) => DeliverAsync(change, turn => Task.FromResult(turn.Next()));

    /// <summary>Delivers a change numbered by <paramref name="number"/> (0: unnumbered), which runs in the hall's turn:
    /// no other change of the hall is numbered or sent to hub clients here until this one has been.</summary>
    public async Task DeliverAsync(HallChange change, Func<HallSequencer.Turn, Task<long>> number)
    {
        if (change.Kind == HallChangeKind.KeyRevoked)
        {
            // Not news for any screen: this instance closes the revoked key's hub connections.
            if (change.ApiKeyId is int key) keys.Abort(key);
            return;
        }
        if (!HallSequencer.Numbers(change))
        {
            await Task.WhenAll(hub.BroadcastAsync(change), feed.DeliverAsync(change));
            return;
        }
        Task circuits = Task.CompletedTask;
        await ToHubAsync(change, async turn =>
        {
            var sequence = await number(turn);
            // Circuits need no order; they run beside the hub's send, outside the turn.
            circuits = feed.DeliverAsync(change with { Sequence = sequence });
            return sequence;
        });
        await circuits;
    }

    public Task ToCircuitsAsync(HallChange change) => feed.DeliverAsync(change);

    /// <summary>Sends a change to this instance's hub clients with the number <paramref name="number"/> gives it.</summary>
    public async Task ToHubAsync(HallChange change, Func<HallSequencer.Turn, Task<long>> number)
    {
        using var turn = await sequencer.EnterAsync(change.HallId);
        var sequence = await number(turn);
        if (sequence > 0) turn.Saw(sequence);
        await hub.BroadcastAsync(change with { Sequence = sequence });
    }
}
