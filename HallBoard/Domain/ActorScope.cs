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

    /// <summary>The halls a list shows this actor: null for all halls, else its own hall and any it supervises (Bureau);
    /// an actor without a hall is refused.</summary>
    public static IReadOnlyCollection<int>? VisibleHalls(this Actor actor) =>
        actor.HallScope is int own ? [own, .. actor.SupervisedHalls.Where(h => h != own)] : null;
}
