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

/// <summary>What an instance does with each change it hears of: hub clients and subscribed circuits, side by side.</summary>
public sealed class HallDelivery(HallFeed feed, HubBroadcaster hub, HubKeyConnections keys)
{
    public Task DeliverAsync(HallChange change)
    {
        if (change.Kind != HallChangeKind.KeyRevoked) return Task.WhenAll(hub.BroadcastAsync(change), feed.DeliverAsync(change));
        if (change.ApiKeyId is int key) keys.Abort(key);
        return Task.CompletedTask;
    }
}
