using System.Collections.Immutable;
using HallBoard.Data;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Live;

public sealed record HallEntry(int Id, string Code, string Name);

/// <summary>The halls by id and by code, cached: every broadcast needs a hall's code for its group. A miss
/// reloads the list (a hall may have been added); misses that arrive together share one reload.</summary>
public sealed class HallDirectory(IDbContextFactory<HallDbContext> dbFactory)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot _halls = new([]);

    public ValueTask<HallEntry?> ByIdAsync(int id, CancellationToken ct = default) =>
        FindAsync(s => s.ById.GetValueOrDefault(id), ct);

    /// <summary>Codes match without regard to case ("gx" finds "GX").</summary>
    public ValueTask<HallEntry?> ByCodeAsync(string code, CancellationToken ct = default) =>
        FindAsync(s => s.ByCode.GetValueOrDefault(code.Trim()), ct);

    private async ValueTask<HallEntry?> FindAsync(Func<Snapshot, HallEntry?> find, CancellationToken ct)
    {
        var seen = _halls;
        if (find(seen) is { } hit) return hit;
        await _reload.WaitAsync(ct);
        try
        {
            if (!ReferenceEquals(seen, _halls)) return find(_halls);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var halls = await db.Halls.AsNoTracking().Select(h => new HallEntry(h.Id, h.Code, h.Name)).ToListAsync(ct);
            _halls = new Snapshot(halls);
            return find(_halls);
        }
        finally
        {
            _reload.Release();
        }
    }

    private sealed class Snapshot(IReadOnlyList<HallEntry> halls)
    {
        public ImmutableDictionary<int, HallEntry> ById { get; } = halls.ToImmutableDictionary(h => h.Id);
        public ImmutableDictionary<string, HallEntry> ByCode { get; } =
            halls.ToImmutableDictionary(h => h.Code, StringComparer.OrdinalIgnoreCase);
    }
}
