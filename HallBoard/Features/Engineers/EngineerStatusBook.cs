using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Wall;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Engineers;

public sealed record EngineerStatusView(int EngineerId, string Name, EngineerStatus Status, DateTime? SinceUtc);

/// <summary>A status change that is committed and waits to be published.</summary>
public sealed record EngineerStatusNotice(int HallId, EngineerFacts Facts);

/// <summary>
/// Engineers' statuses: the one-tap changes from the tablet, the changes that follow tickets (taking one makes
/// its engineer Serving, resolving or handing over the last one makes them Available again), a tablet arriving,
/// and a tablet gone too long. Every change is kept as a row, audited, and published.
/// </summary>
public sealed class EngineerStatusBook(
    IDbContextFactory<HallDbContext> dbFactory,
    HallTime time,
    HallNotifier notifier,
    HallFiguresPublisher figures,
    IOptions<EngineerPresenceOptions> options,
    ILogger<EngineerStatusBook> logger)
{
    private const int Attempts = 3;

    public async Task<EngineerStatusView?> CurrentAsync(int engineerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from e in db.Engineers.AsNoTracking()
                      where e.Id == engineerId
                      join s in db.EngineerStates.AsNoTracking() on e.Id equals s.EngineerId into states
                      from s in states.DefaultIfEmpty()
                      select new EngineerStatusView(e.Id, e.Name, s == null ? EngineerStatus.Offline : s.Status, s == null ? null : s.SinceUtc))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A tap on the tablet. Serving is not tapped: it follows the tickets the engineer takes.</summary>
    public async Task<EngineerStatusView> SetAsync(int engineerId, EngineerStatus to, Actor actor, CancellationToken ct = default)
    {
        if (to == EngineerStatus.OnLeave)
            throw ValidationFailedException.For("status", "请假须提交请假申请，经办税服务厅负责人和部门经理批准后自动显示“请假”。");
        if (!EngineerStatuses.Tappable.Contains(to))
            throw ValidationFailedException.For("status", "“服务中”在受理工单时自动设置，不能手动选择。");
        actor.RequireRole(Account.Roles.StaffRoles);
        _ = actor.HallScope;
        if (actor.EngineerId is int own && own != engineerId)
            throw new ForbiddenException("只能设置本人的状态。");
        var notice = await WithRetriesAsync(async db =>
        {
            var engineer = await db.Engineers.FirstOrDefaultAsync(e => e.Id == engineerId, ct);
            if (engineer is null || !actor.CanSee(engineer.HallId))
                throw new NotFoundException("工程师不存在。");
            var now = time.UtcNow;
            var state = await StateAsync(db, engineer.Id, engineer.HallId, now, ct);
            if (actor.EngineerId == engineerId) state.Seen(now);
            return await MoveAsync(db, state, to, actor, now, null, ct);
        }, ct);
        await PublishWithFiguresAsync(notice);
        return await CurrentAsync(engineerId, ct) ?? throw new NotFoundException("工程师不存在。");
    }

    /// <summary>Inside a ticket command's context, before it saves: the status changes the ticket's move implies.</summary>
    internal async Task<IReadOnlyList<EngineerStatusNotice>> FollowTicketAsync(HallDbContext db, Ticket ticket,
        TicketStatus? statusBefore, int? ownerBefore, Actor actor, DateTime now, CancellationToken ct)
    {
        var notices = new List<EngineerStatusNotice>();
        var owner = ticket.AssigneeId;
        if (ticket.Status == TicketStatus.InProgress && owner is int o && (statusBefore != TicketStatus.InProgress || ownerBefore != o))
        {
            var taken = statusBefore is null or TicketStatus.Waiting;
            var state = await StateAsync(db, o, ticket.HallId, now, ct);
            if (actor.EngineerId == o) state.Seen(now);
            // Taking a ticket shows the engineer is serving whatever they had set; a ticket handed to them or
            // reopened makes them busy only if they were free.
            var why = taken ? "受理" : statusBefore == TicketStatus.InProgress ? "接手" : "重新打开";
            if (taken || state.Status == EngineerStatus.Available)
                Add(await MoveAsync(db, state, EngineerStatus.Serving, actor, now, $"{why}工单 {ticket.Number}", ct));
        }
        if (statusBefore == TicketStatus.InProgress && ownerBefore is int previous && (ticket.Status != TicketStatus.InProgress || owner != previous)
            && !await db.Tickets.AnyAsync(t => t.AssigneeId == previous && t.Status == TicketStatus.InProgress && t.Id != ticket.Id, ct))
        {
            var state = await StateAsync(db, previous, ticket.HallId, now, ct);
            if (state.Status == EngineerStatus.Serving)
                Add(await MoveAsync(db, state, EngineerStatus.Available, actor, now,
                    $"{(ticket.Status == TicketStatus.InProgress ? "转交" : "解决")}工单 {ticket.Number}", ct));
        }
        return notices;

        void Add(EngineerStatusNotice? notice)
        {
            if (notice is not null) notices.Add(notice);
        }
    }

    /// <summary>An engineer's tablet connected: seen now, and an offline engineer is back on duty.</summary>
    public async Task ArrivedAsync(int engineerId, CancellationToken ct = default)
    {
        var notice = await WithRetriesAsync(async db =>
        {
            var engineer = await db.Engineers.AsNoTracking().FirstOrDefaultAsync(e => e.Id == engineerId && e.IsActive, ct);
            if (engineer is null) return null;
            var now = time.UtcNow;
            var state = await StateAsync(db, engineer.Id, engineer.HallId, now, ct);
            state.Seen(now);
            return state.Status == EngineerStatus.Offline
                ? await MoveAsync(db, state, EngineerStatus.Available, Actor.System, now, "平板上线", ct)
                : null;
        }, ct);
        await PublishWithFiguresAsync(notice);
    }

    /// <summary>The tablets of these engineers are connected now.</summary>
    public async Task HeartbeatAsync(IReadOnlyCollection<int> engineerIds, CancellationToken ct = default)
    {
        if (engineerIds.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        await db.EngineerStates.Where(s => engineerIds.Contains(s.EngineerId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), ct);
    }

    /// <summary>Turns offline every engineer whose tablet has been gone longer than the configured time.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var after = options.Value.OfflineAfter;
        var now = time.UtcNow;
        var cutoff = now - after;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A rough cut in SQL, the exact rule in the domain.
        var candidates = await db.EngineerStates.AsNoTracking()
            .Where(s => s.Status != EngineerStatus.Offline && s.Status != EngineerStatus.OnLeave && s.SinceUtc <= cutoff)
            .Select(s => s.EngineerId).ToListAsync(ct);
        var marked = 0;
        foreach (var engineerId in candidates)
        {
            try
            {
                var notice = await WithRetriesAsync(async fresh =>
                {
                    var state = await fresh.EngineerStates.FirstAsync(s => s.EngineerId == engineerId, ct);
                    return state.IsGone(now, after)
                        ? await MoveAsync(fresh, state, EngineerStatus.Offline, Actor.System, now, $"平板离线超过 {after.TotalMinutes:0} 分钟", ct)
                        : null;
                }, ct, attempts: 1);
                if (notice is null) continue;
                marked++;
                await PublishWithFiguresAsync(notice);
            }
            catch (DbUpdateException)
            {
                // Changed at the same moment (a tap, or another instance's sweep): that change stands.
            }
        }
        return marked;
    }

    internal async Task PublishAsync(IEnumerable<EngineerStatusNotice> notices)
    {
        foreach (var n in notices)
            await notifier.PublishAsync(HallChange.EngineerStatusChanged(n.HallId, n.Facts));
    }

    /// <summary>Inside another command's context, before it saves: a status that approved leave sets or ends.</summary>
    internal static async Task<EngineerStatusNotice?> MoveInAsync(HallDbContext db, int engineerId, int hallId, EngineerStatus to,
        Actor actor, DateTime now, string reason, CancellationToken ct) =>
        await MoveAsync(db, await StateAsync(db, engineerId, hallId, now, ct), to, actor, now, reason, ct);

    internal async Task PublishWithFiguresAsync(EngineerStatusNotice? notice)
    {
        if (notice is null) return;
        await PublishAsync([notice]);
        figures.Request(notice.HallId);
    }

    private static async Task<EngineerState> StateAsync(HallDbContext db, int engineerId, int hallId, DateTime now, CancellationToken ct)
    {
        var state = await db.EngineerStates.FindAsync([engineerId], ct);
        if (state is not null) return state;
        state = EngineerState.For(engineerId, hallId, now);
        db.EngineerStates.Add(state);
        return state;
    }

    private static async Task<EngineerStatusNotice?> MoveAsync(HallDbContext db, EngineerState state, EngineerStatus to,
        Actor actor, DateTime now, string? reason, CancellationToken ct)
    {
        var from = state.Status;
        if (state.MoveTo(to, actor, now, reason) is not { } change) return null;
        db.EngineerStatusChanges.Add(change);
        var engineer = await db.Engineers.FindAsync([state.EngineerId], ct)
                       ?? throw new NotFoundException("工程师不存在。");
        db.Audit(actor, now, "工程师状态", nameof(Engineer), engineer.Name, from.Label(),
            reason is null ? to.Label() : $"{to.Label()}（{reason}）", state.HallId);
        return new EngineerStatusNotice(state.HallId,
            new EngineerFacts(engineer.Id, engineer.Name, to.ToString(), to.Label(), now));
    }

    /// <summary>One context per attempt; a status row changed by someone else meanwhile is read again.</summary>
    private async Task<EngineerStatusNotice?> WithRetriesAsync(Func<HallDbContext, Task<EngineerStatusNotice?>> change,
        CancellationToken ct, int attempts = Attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var notice = await change(db);
            try
            {
                await db.SaveChangesAsync(ct);
                return notice;
            }
            catch (DbUpdateException ex) when (attempt < attempts)
            {
                // Two first rows for one engineer, or a version that moved: read again and decide again.
                logger.LogDebug(ex, "Engineer status changed meanwhile; trying again");
            }
        }
    }
}
