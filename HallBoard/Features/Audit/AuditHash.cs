using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HallBoard.Data;

namespace HallBoard.Features.Audit;

/// <summary>The hash of an audit row: SHA-256 over its chain position, its fields and the previous row's hash.</summary>
public static class AuditHash
{
    /// <summary>Where a hall's chain starts before any row (and before any purge).</summary>
    public static string Genesis(int chain) => Sha256($"HallBoard 审计链 {chain.ToString(CultureInfo.InvariantCulture)}");

    public static string Of(AuditEntry e) => Of(e.Seq, e.PrevHash, e.AtUtc, e.HallId, e.ActorId, e.ActorName, e.Action,
        e.EntityType, e.EntityId, e.Before, e.After);

    public static string Of(long? seq, string? prevHash, DateTime atUtc, int? hallId, string actorId, string actorName,
        string action, string entityType, string? entityId, string? before, string? after)
    {
        // The time as stored (the context's converter turns a non-UTC time into UTC), to the tick.
        var at = atUtc.Kind == DateTimeKind.Utc ? atUtc : atUtc.ToUniversalTime();
        var text = new StringBuilder();
        // Each field length-prefixed, null distinct from empty, so no two different rows give the same text.
        foreach (var field in new[]
                 {
                     seq?.ToString(CultureInfo.InvariantCulture), prevHash, at.Ticks.ToString(CultureInfo.InvariantCulture),
                     hallId?.ToString(CultureInfo.InvariantCulture), actorId, actorName, action, entityType, entityId, before, after,
                 })
            text.Append(field is null ? "~" : $"{field.Length.ToString(CultureInfo.InvariantCulture)}:{field}").Append('|');
        return Sha256(text.ToString());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
