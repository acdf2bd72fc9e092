using System.Security.Cryptography;
using System.Text;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Api;

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedUtc, string CreatedBy, DateTime? RevokedUtc,
    int? HallId, bool AllHalls, string Scopes);

/// <summary>Integration keys. The plain key is shown once at creation; only its SHA-256 hash is kept.</summary>
public sealed class ApiKeys(IDbContextFactory<HallDbContext> dbFactory, HallTime time, IHallBus bus)
{
    /// <summary>A new key reads one hall only; more (write, pii, all halls) is a permission grant approved by a second admin.</summary>
    public async Task<string> CreateAsync(string name, int hallId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole([HallBoard.Features.Account.Roles.Admin, .. Actor.System.Roles]);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct)) throw ValidationFailedException.For("hallId", "请选择密钥绑定的服务厅。");
        var key = "hb_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await ImportAsync(name, key, actor, ct, hallId, ApiScopes.Read);
        return key;
    }

    /// <summary>Stores a key chosen elsewhere (the Development key from configuration).</summary>
    public async Task ImportAsync(string name, string key, Actor actor, CancellationToken ct = default,
        int? hallId = null, params string[] scopes)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length is 0 or > 50) throw ValidationFailedException.For("name", "请填写密钥名称（最多 50 字）。");
        if (TextRules.NameProblem(clean) is { } why) throw ValidationFailedException.For("name", "密钥名称" + why);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var entry = new ApiKey
        {
            Name = clean, Prefix = key[..Math.Min(8, key.Length)], Hash = Hash(key), CreatedUtc = now, CreatedBy = actor.Name,
            HallId = hallId, Scopes = ApiScopes.Normalize(scopes.Length > 0 ? scopes : [ApiScopes.Read]),
        };
        db.ApiKeys.Add(entry);
        db.Audit(actor, now, "创建接口密钥", nameof(ApiKey), clean, null, $"前缀 {entry.Prefix}，范围 {entry.Scopes}", hallId);
        await db.SaveChangesAsync(ct);
    }

    public async Task RevokeAsync(int id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("密钥不存在。");
        if (key.RevokedUtc is not null) return;
        var now = time.UtcNow;
        key.RevokedUtc = now;
        db.Audit(actor, now, "吊销接口密钥", nameof(ApiKey), key.Name, "有效", "已吊销");
        await db.SaveChangesAsync(ct);
        // Its open hub connections close on every instance; new ones are refused by authentication already.
        await bus.PublishAsync(HallChange.KeyRevoked(key.Id));
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedUtc, k.CreatedBy, k.RevokedUtc, k.HallId, k.AllHalls, k.Scopes)).ToListAsync(ct);
    }

    public async Task<ApiKeyRow?> FindActiveAsync(string key, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200) return null;
        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedUtc == null)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedUtc, k.CreatedBy, k.RevokedUtc, k.HallId, k.AllHalls, k.Scopes)).FirstOrDefaultAsync(ct);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
