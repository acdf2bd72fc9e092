namespace HallBoard.Domain;

/// <summary>How services apply an actor's hall scope to one record (docs/security.md): an actor without a hall is
/// refused before anything is read, and a record of another hall reads as missing so its existence does not leak.</summary>
public static class ActorScope
{
    public static void RequireVisible(this Actor actor, int hallId, string notFoundMessage)
    {
        _ = actor.HallScope;
        if (!actor.CanSee(hallId)) throw new NotFoundException(notFoundMessage);
    }

    /// <summary>The record is visible to this actor (no hall sees nothing).</summary>
    public static bool Sees(this Actor actor, int hallId) => (actor.AllHalls || actor.HallId is not null) && actor.CanSee(hallId);
}
