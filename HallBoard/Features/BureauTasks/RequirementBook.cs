using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.BureauTasks;

/// <summary>The new-requirement register (新需求反馈): registering and every move, each one transaction with its audit entry.</summary>
public sealed class RequirementBook(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    private const string NotFound = "需求记录不存在。";

    public async Task<int> RegisterAsync(RequirementDraft draft, Actor actor, CancellationToken ct = default)
    {
        if (!NewRequirement.MayRegister(actor)) throw new ForbiddenException(Actor.NoRightMessage);
        actor.RequireHall(draft.HallId);
        var now = time.UtcNow;
        var requirement = NewRequirement.Register(draft, actor, time.Today, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == draft.HallId, ct))
            throw ValidationFailedException.For("hall", "请选择办税服务厅。");
        // The audit entry names the record by its id, which the first save gives; one transaction holds both saves.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.NewRequirements.Add(requirement);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, now, "登记新需求", nameof(NewRequirement), Id(requirement), null, Describe(requirement), requirement.HallId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return requirement.Id;
    }

    public Task ReportAsync(int id, DateOnly on, Actor actor, CancellationToken ct = default) =>
        MoveAsync(id, actor, "新需求上报公司", (r, now) => r.Report(on, actor, time.Today, now), ct);

    public Task RecordPlanAsync(int id, string? plan, Actor actor, CancellationToken ct = default) =>
        MoveAsync(id, actor, "新需求服务方案", (r, now) => r.RecordPlan(plan, actor, now), ct);

    public Task ImplementAsync(int id, DateOnly on, Actor actor, CancellationToken ct = default) =>
        MoveAsync(id, actor, "新需求已实施", (r, now) => r.Implement(on, actor, time.Today, now), ct);

    public Task DeclineAsync(int id, string? reason, Actor actor, CancellationToken ct = default) =>
        MoveAsync(id, actor, "新需求不采纳", (r, now) => r.Decline(reason, actor, now), ct);

    private async Task MoveAsync(int id, Actor actor, string action, Action<NewRequirement, DateTime> move, CancellationToken ct)
    {
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requirement = await db.NewRequirements.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (requirement is null) throw new NotFoundException(NotFound);
        actor.RequireVisible(requirement.HallId, NotFound);
        var now = time.UtcNow;
        var before = Describe(requirement);
        move(requirement, now);
        db.Audit(actor, now, action, nameof(NewRequirement), Id(requirement), before, Describe(requirement), requirement.HallId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new BureauTaskRuleException("该需求已被他人更新，请刷新后再试。"));
        }
    }

    private static string Id(NewRequirement r) => r.Id.ToString(CultureInfo.InvariantCulture);

    private static string Describe(NewRequirement r) =>
        $"状态={r.StateLabel}; 来源={Labels.Of(r.Source)}; 提出人={r.RaisedBy}; 提出日期={r.RaisedOn:yyyy-MM-dd}; " +
        $"描述={r.Description}; 上报日期={r.ReportedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"}; " +
        $"方案={r.Plan ?? "—"}; 实施日期={r.ImplementedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"}; 不采纳原因={r.DeclineReason ?? "—"}";
}
