using HallBoard.Data;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Escalations;

/// <summary>
/// Which tickets wait on an escalation, for the mark in ticket lists: read once for every row of every list and kept
/// a few seconds (escalations on another instance show within that), dropped at once when this instance changes one.
/// </summary>
public sealed class EscalationMarks(IDbContextFactory<HallDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);
    private Read? _read;

    /// <summary>The answer deadline of the ticket's open escalation, or null when it has none.</summary>
    public async Task<DateTime?> DueOfAsync(int ticketId, CancellationToken ct = default)
    {
        var read = _read;
        var now = clock.GetUtcNow();
        if (read is null || now - read.At > KeptFor || read.Open.IsFaulted)
        {
            read = new Read(now, LoadAsync());
            _read = read;
        }
        var open = await read.Open.WaitAsync(ct);
        return open.TryGetValue(ticketId, out var due) ? due : null;
    }

    public void Changed() => _read = null;

    private async Task<IReadOnlyDictionary<int, DateTime>> LoadAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Escalations.AsNoTracking().Where(e => e.AnsweredUtc == null)
            .ToDictionaryAsync(e => e.TicketId, e => e.DueUtc);
    }

    private sealed record Read(DateTimeOffset At, Task<IReadOnlyDictionary<int, DateTime>> Open);
}
