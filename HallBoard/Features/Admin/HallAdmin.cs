using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin;

public sealed record HallRow(int Id, string Code, string Name, int Engineers);

/// <summary>Creates and renames halls (Admin only); a code is unique and never reused for another hall.</summary>
public sealed class HallAdmin(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<IReadOnlyList<HallRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Halls.AsNoTracking().OrderBy(h => h.Code)
            .Select(h => new HallRow(h.Id, h.Code, h.Name, db.Engineers.Count(e => e.HallId == h.Id && e.IsActive)))
            .ToListAsync(ct);
    }

    public async Task<int> CreateAsync(string? code, string? name, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        var input = HallInput.Validated(code, name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireUniqueAsync(db, input.Code, null, ct);
        var hall = new Hall { Code = input.Code, Name = input.Name };
        // The audit row names the new hall's id, so the two saves share one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Halls.Add(hall);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, time.UtcNow, "新增服务厅", nameof(Hall), hall.Code, null, hall.Name, hall.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return hall.Id;
    }

    public async Task UpdateAsync(int id, string? code, string? name, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        var input = HallInput.Validated(code, name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hall = await db.Halls.FirstOrDefaultAsync(h => h.Id == id, ct) ?? throw new NotFoundException("服务厅不存在。");
        await RequireUniqueAsync(db, input.Code, id, ct);
        var before = $"{hall.Code} {hall.Name}";
        (hall.Code, hall.Name) = (input.Code, input.Name);
        db.Audit(actor, time.UtcNow, "修改服务厅", nameof(Hall), hall.Code, before, $"{hall.Code} {hall.Name}", hall.Id);
        await db.SaveChangesAsync(ct);
    }

    private static async Task RequireUniqueAsync(HallDbContext db, string code, int? exceptId, CancellationToken ct)
    {
        if (await db.Halls.AnyAsync(h => h.Code == code && h.Id != exceptId, ct))
            throw ValidationFailedException.For("code", $"服务厅代码 {code} 已被使用。");
    }
}
