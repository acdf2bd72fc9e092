using HallBoard.Data;
using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.BureauTasks;

public sealed record HallChoice(int Id, string Name);

public sealed record BureauTaskRow(BureauTask Task, string HallName);

public sealed record OwnerChoice(int Id, string Name);

/// <summary>Reads of bureau tasks and requirements, limited to the halls the actor sees: its own, the halls a bureau
/// account supervises, every hall for an admin. A task of another hall reads as not found.</summary>
public sealed class BureauTaskQueries(IDbContextFactory<HallDbContext> dbFactory)
{
    /// <summary>The halls this actor may list and issue to, home hall first.</summary>
    public async Task<IReadOnlyList<HallChoice>> HallsAsync(Actor actor, CancellationToken ct = default)
    {
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var halls = await db.Halls.AsNoTracking().OrderBy(h => h.Id).Select(h => new HallChoice(h.Id, h.Name)).ToListAsync(ct);
        return halls.Where(h => actor.CanSee(h.Id)).OrderBy(h => h.Id == actor.HallId ? 0 : 1).ToList();
    }

    /// <summary>The tasks of one hall, or of every hall the actor sees; open ones by deadline first, then the finished.</summary>
    public async Task<IReadOnlyList<BureauTaskRow>> ListAsync(Actor actor, int? hallId, BureauTaskState? state = null, CancellationToken ct = default)
    {
        var halls = await HallsAsync(actor, ct);
        var ids = halls.Where(h => hallId is null || h.Id == hallId).Select(h => h.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.BureauTasks.AsNoTracking().Where(t => ids.Contains(t.HallId));
        if (state is { } s) q = q.Where(t => t.State == s);
        var tasks = await q.OrderByDescending(t => t.IssuedUtc).Take(500).ToListAsync(ct);
        var names = halls.ToDictionary(h => h.Id, h => h.Name);
        return tasks.OrderBy(t => t.IsOpen ? 0 : 1).ThenBy(t => t.IsOpen ? t.DueUtc : DateTime.MaxValue).ThenByDescending(t => t.IssuedUtc)
            .Select(t => new BureauTaskRow(t, names[t.HallId])).ToList();
    }

    /// <summary>One task with its timeline, oldest line first.</summary>
    public async Task<BureauTaskRow> GetAsync(int taskId, Actor actor, CancellationToken ct = default)
    {
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.BureauTasks.AsNoTracking().Include(t => t.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id))
            .FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) throw new NotFoundException("局方任务不存在。");
        actor.RequireVisible(task.HallId, "局方任务不存在。");
        var hall = await db.Halls.AsNoTracking().Where(h => h.Id == task.HallId).Select(h => h.Name).FirstAsync(ct);
        return new BureauTaskRow(task, hall);
    }

    /// <summary>The people of a hall a task can be given to: its active engineers (the lead among them when it has an
    /// engineer record).</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnersAsync(int hallId, Actor actor, CancellationToken ct = default)
    {
        actor.RequireVisible(hallId, "办税服务厅不存在。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId && e.IsActive && e.LeftUtc == null)
            .OrderBy(e => e.EmployeeNo).Select(e => new OwnerChoice(e.Id, e.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<(NewRequirement Requirement, string HallName)>> RequirementsAsync(Actor actor, int? hallId,
        RequirementState? state = null, CancellationToken ct = default)
    {
        var halls = await HallsAsync(actor, ct);
        var ids = halls.Where(h => hallId is null || h.Id == hallId).Select(h => h.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.NewRequirements.AsNoTracking().Where(r => ids.Contains(r.HallId));
        if (state is { } s) q = q.Where(r => r.State == s);
        var rows = await q.OrderByDescending(r => r.RaisedOn).ThenByDescending(r => r.Id).Take(500).ToListAsync(ct);
        var names = halls.ToDictionary(h => h.Id, h => h.Name);
        return rows.Select(r => (r, names[r.HallId])).ToList();
    }
}
