using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Admin;

public sealed record EngineerRow(int Id, int HallId, string HallCode, string Name, string EmployeeNo, string? Phone,
    string? Major, string? Certificates, bool IsActive, DateTime? LeftUtc, string? UserName);

/// <summary>
/// Engineers' records (Admin only). A leaver is marked, never deleted, so tickets and status history keep their
/// name; leaving locks the linked account at once. Moving to another hall is a transfer, not an edit.
/// </summary>
public sealed class PeopleAdmin(IDbContextFactory<HallDbContext> dbFactory, IServiceScopeFactory scopes, HallTime time)
{
    public async Task<IReadOnlyList<EngineerRow>> ListAsync(Actor actor, int? hallId = null, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rows(db, db.Engineers.Where(e => hallId == null || e.HallId == hallId)).ToListAsync(ct);
        return rows.OrderBy(r => r.HallCode).ThenBy(r => !r.IsActive).ThenBy(r => r.EmployeeNo).ToList();
    }

    public async Task<EngineerRow> GetAsync(int id, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Engineers.Where(e => e.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("工程师不存在。");
    }

    public async Task<int> CreateAsync(int hallId, string? name, string? employeeNo, string? phone, string? major, string? certificates,
        Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        var input = EngineerInput.Validated(hallId, name, employeeNo, phone, major, certificates);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, ct)) throw ValidationFailedException.For("hallId", "服务厅不存在。");
        await RequireUniqueAsync(db, input, null, ct);
        var engineer = new Engineer { Name = input.Name, EmployeeNo = input.EmployeeNo };
        input.ApplyTo(engineer);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Engineers.Add(engineer);
        await db.SaveChangesAsync(ct);
        db.Audit(actor, time.UtcNow, "新增工程师", nameof(Engineer), engineer.Id.ToString(), null, input.ToString(), hallId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return engineer.Id;
    }

    public async Task UpdateAsync(int id, string? name, string? employeeNo, string? phone, string? major, string? certificates,
        Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await db.Engineers.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("工程师不存在。");
        var input = EngineerInput.Validated(engineer.HallId, name, employeeNo, phone, major, certificates);
        await RequireUniqueAsync(db, input, id, ct);
        var before = Describe(engineer);
        input.ApplyTo(engineer);
        db.Audit(actor, time.UtcNow, "修改工程师", nameof(Engineer), id.ToString(), before, input.ToString(), engineer.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the engineer as left (离职) and locks their account, or brings them back (the account stays locked).</summary>
    public async Task SetLeftAsync(int id, bool left, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Roles.Admin);
        await using var work = await IdentityWork.BeginAsync(scopes, ct);
        var engineer = await work.Db.Engineers.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("工程师不存在。");
        if (engineer.IsActive != left) return;
        var now = time.UtcNow;
        (engineer.IsActive, engineer.LeftUtc) = (!left, left ? now : null);
        if (left && engineer.UserId is { } userId && await work.Users.FindByIdAsync(userId) is { } user)
        {
            IdentityWork.Check(await work.Users.SetLockoutEnabledAsync(user, true));
            IdentityWork.Check(await work.Users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
            await work.ExpireSessionsAsync(user);
        }
        work.Db.Audit(actor, now, left ? "工程师离职" : "工程师恢复在职", nameof(Engineer), id.ToString(),
            left ? "在职" : "离职", left ? "离职，账号已锁定" : "在职", engineer.HallId);
        await work.CommitAsync(ct);
    }

    private static IQueryable<EngineerRow> Rows(HallDbContext db, IQueryable<Engineer> engineers) =>
        from e in engineers.AsNoTracking()
        join h in db.Halls on e.HallId equals h.Id
        select new EngineerRow(e.Id, e.HallId, h.Code, e.Name, e.EmployeeNo, e.Phone, e.Major, e.Certificates, e.IsActive, e.LeftUtc,
            db.Users.Where(u => u.Id == e.UserId).Select(u => u.UserName).FirstOrDefault());

    private static string Describe(Engineer e) => $"{e.Name}，工号 {e.EmployeeNo}，专业 {e.Major ?? "—"}，证书 {e.Certificates ?? "—"}";

    private static async Task RequireUniqueAsync(HallDbContext db, EngineerInput input, int? exceptId, CancellationToken ct)
    {
        if (await db.Engineers.AnyAsync(e => e.HallId == input.HallId && e.EmployeeNo == input.EmployeeNo && e.Id != exceptId, ct))
            throw ValidationFailedException.For("employeeNo", $"本厅已有工号 {input.EmployeeNo} 的工程师。");
    }
}
