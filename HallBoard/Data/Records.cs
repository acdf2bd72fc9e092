using Microsoft.AspNetCore.Identity;

namespace HallBoard.Data;

public sealed class HallUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? HallId { get; set; }
    public int? EngineerId { get; set; }
}

/// <summary>A key operation, kept for tracing (关键操作日志): who, when, what, before → after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public int? HallId { get; set; }

    /// <summary>Position in its hall's hash chain (1, 2, …); null for rows written before the chain existed.</summary>
    public long? Seq { get; set; }

    /// <summary>Hash of the previous row of the same hall's chain (the chain's anchor for the first one).</summary>
    public string? PrevHash { get; set; }

    /// <summary>SHA-256 over this row's fields and <see cref="PrevHash"/>, set when the row is saved (AuditChain).</summary>
    public string? Hash { get; set; }
}

/// <summary>An integration's key; only its SHA-256 hash is stored.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedUtc { get; set; }

    /// <summary>The one hall the key reads and writes; null with <see cref="AllHalls"/> false means none (fails closed).</summary>
    public int? HallId { get; set; }

    /// <summary>Every hall: only through an approved permission grant.</summary>
    public bool AllHalls { get; set; }

    /// <summary>Space-separated scopes out of <see cref="ApiScopes.All"/>.</summary>
    public string Scopes { get; set; } = ApiScopes.Read;

    public IReadOnlySet<string> ScopeSet => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}

/// <summary>What an API key may do: read tickets, write them, and see taxpayer ID and phone unmasked.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Pii = "pii";

    public static readonly string[] All = [Read, Write, Pii];

    /// <summary>The canonical text of a scope list; throws on an unknown scope.</summary>
    public static string Normalize(IEnumerable<string> scopes)
    {
        var set = scopes.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).ToHashSet();
        var unknown = set.Except(All).ToList();
        if (unknown.Count > 0)
            throw HallBoard.Domain.ValidationFailedException.For("scopes", $"未知的权限范围：{string.Join("、", unknown)}（可选 read、write、pii）。");
        return string.Join(' ', All.Where(set.Contains));
    }
}

/// <summary>A single-use link a taxpayer opens to rate one service; only its hash is stored.</summary>
public sealed class SatisfactionLink
{
    public int Id { get; set; }
    public int TicketId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public DateTime? UsedUtc { get; set; }
    public HallBoard.Domain.RatingSource Source { get; set; }

    /// <summary>When the one feedback message this link accepts arrived.</summary>
    public DateTime? FeedbackUtc { get; set; }
}

/// <summary>The last ticket number given out per hall per local day.</summary>
public sealed class TicketCounter
{
    public int HallId { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
    public int Version { get; set; }
}
