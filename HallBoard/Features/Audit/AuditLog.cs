using HallBoard.Data;
using HallBoard.Domain;

namespace HallBoard.Features.Audit;

public static class AuditLog
{
    /// <summary>Adds an audit entry to the context, so it commits in the same transaction as the change.</summary>
    public static void Audit(this HallDbContext db, Actor actor, DateTime nowUtc, string action, string entityType,
        string? entityId, string? before = null, string? after = null, int? hallId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = nowUtc,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before,
            After = after,
            HallId = hallId ?? actor.HallId,
        });
}
