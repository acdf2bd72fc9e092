using HallBoard.Features.Account;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Guidance;

public sealed record GuidanceItemRow(int Id, string Name, Category Category, Channel Channel, bool IsActive);

/// <summary>The hall's guidance list (引导服务清单), and the guidance outcome recorded on a ticket afterwards.</summary>
public sealed class GuidanceItems(IDbContextFactory<HallDbContext> dbFactory, HallTime time, TicketCommands commands)
{
    public async Task<IReadOnlyList<GuidanceItemRow>> ListAsync(int hallId, bool activeOnly, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.GuidanceItems.AsNoTracking()
            .Where(i => i.HallId == hallId && (!activeOnly || i.IsActive))
            .OrderBy(i => i.Category).ThenBy(i => i.Name)
            .Select(i => new GuidanceItemRow(i.Id, i.Name, i.Category, i.Channel, i.IsActive))
            .ToListAsync(ct);
    }

    public async Task<int> AddAsync(int hallId, string? name, Category category, Channel channel, Actor actor, CancellationToken ct = default)
    {
        RequireHall(actor, hallId);
        var item = GuidanceItem.Create(hallId, name, category, channel);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct))
            throw ValidationFailedException.For("hall", "办税服务厅不存在。");
        await RequireUniqueAsync(db, hallId, item.Name, null, ct);
        db.GuidanceItems.Add(item);
        db.Audit(actor, time.UtcNow, "新增引导事项", nameof(GuidanceItem), item.Name, null, item.ToString(), hallId);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    public async Task UpdateAsync(int id, string? name, Category category, Channel channel, bool isActive, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.GuidanceEditors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.GuidanceItems.FirstOrDefaultAsync(i => i.Id == id, ct);
        _ = actor.HallScope;
        if (item is null || !actor.CanSee(item.HallId))
            throw new NotFoundException("引导事项不存在。");
        var before = item.ToString();
        item.Update(name, category, channel, isActive);
        await RequireUniqueAsync(db, item.HallId, item.Name, item.Id, ct);
        db.Audit(actor, time.UtcNow, "修改引导事项", nameof(GuidanceItem), item.Name, before, item.ToString(), item.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records whether the online handling the taxpayer was guided to succeeded, when it was unknown at intake.</summary>
    public Task<TicketRef> RecordOutcomeAsync(int ticketId, int? expectedVersion, bool succeeded, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.TicketWriters);
        return commands.ChangeWithinAsync(ticketId, expectedVersion, actor, "记录引导结果", (_, t, now) =>
        {
            t.RecordGuidanceOutcome(succeeded, actor, now);
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>Whether the ticket's taxpayer was guided online and the outcome is still unknown.</summary>
    public async Task<bool> PendingOutcomeAsync(int ticketId, int? hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tickets.AnyAsync(t => t.Id == ticketId && (hallId == null || t.HallId == hallId)
                                             && t.GuidedOnline && t.GuidanceSucceeded == null, ct);
    }

    /// <summary>Intake refuses an item of another hall, or one that is retired.</summary>
    internal static async Task RequireInHallAsync(HallDbContext db, int? itemId, int hallId, CancellationToken ct)
    {
        if (itemId is not int id) return;
        if (!await db.GuidanceItems.AnyAsync(i => i.Id == id && i.HallId == hallId && i.IsActive, ct))
            throw ValidationFailedException.For("guidanceItemId", "引导事项不存在或不属于本厅。");
    }

    /// <summary>A few items for the demo hall (Development only).</summary>
    public static async Task SeedDemoAsync(IDbContextFactory<HallDbContext> dbFactory, int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.GuidanceItems.AnyAsync(i => i.HallId == hallId, ct)) return;
        db.GuidanceItems.AddRange(
            GuidanceItem.Create(hallId, "增值税及附加税费申报", Category.Filing, Channel.ETaxWeb),
            GuidanceItem.Create(hallId, "发票领用", Category.Invoice, Channel.ETaxWeb),
            GuidanceItem.Create(hallId, "发票代开", Category.Invoice, Channel.SelfServiceTerminal),
            GuidanceItem.Create(hallId, "个税专项附加扣除填报", Category.IndividualIncomeTax, Channel.MobileApp),
            GuidanceItem.Create(hallId, "灵活就业社保缴费", Category.SocialInsurance, Channel.MobileApp),
            GuidanceItem.Create(hallId, "完税证明开具", Category.Payment, Channel.SelfServiceTerminal));
        await db.SaveChangesAsync(ct);
    }

    private static void RequireHall(Actor actor, int hallId)
    {
        actor.RequireRole(Policies.GuidanceEditors);
        _ = actor.HallScope;
        if (!actor.CanSee(hallId)) throw new ForbiddenException("只能维护本厅的引导服务清单。");
    }

    private static async Task RequireUniqueAsync(HallDbContext db, int hallId, string name, int? id, CancellationToken ct)
    {
        if (await db.GuidanceItems.AnyAsync(i => i.HallId == hallId && i.Name == name && i.Id != id, ct))
            throw ValidationFailedException.For("name", "本厅已有同名的引导事项。");
    }
}
