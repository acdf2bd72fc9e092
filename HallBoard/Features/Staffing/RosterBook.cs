using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using HallBoard.Features.Account;

namespace HallBoard.Features.Staffing;

public sealed record StaffMember(int Id, string Name, string EmployeeNo);

public sealed record RosterRow(int Id, int EngineerId, string Engineer, DateOnly Day, string Label, TimeOnly Start, TimeOnly End);

public sealed record OnCallRow(int Id, int EngineerId, string Engineer, DateTime FromUtc, DateTime ToUtc);

/// <summary>The weekly roster and the 7×24 on-call rota of a hall: staff read them, the hall lead, the manager
/// and the admin change them. Each change is one transaction with its audit entry.</summary>
public sealed class RosterBook(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<IReadOnlyList<StaffMember>> EngineersAsync(int hallId, Actor actor, CancellationToken ct = default)
    {
        Read(actor, hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Engineers.AsNoTracking().Where(e => e.HallId == hallId && e.IsActive).OrderBy(e => e.EmployeeNo)
            .Select(e => new StaffMember(e.Id, e.Name, e.EmployeeNo)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RosterRow>> WeekAsync(int hallId, DateOnly monday, Actor actor, CancellationToken ct = default)
    {
        Read(actor, hallId);
        var sunday = monday.AddDays(6);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from s in db.RosterShifts.AsNoTracking()
                      join e in db.Engineers.AsNoTracking() on s.EngineerId equals e.Id
                      where s.HallId == hallId && s.Day >= monday && s.Day <= sunday
                      orderby s.Day, s.Start, e.EmployeeNo
                      select new RosterRow(s.Id, e.Id, e.Name, s.Day, s.Label, s.Start, s.End)).ToListAsync(ct);
    }

    public async Task<int> AddShiftAsync(int hallId, int engineerId, DateOnly day, string? label, TimeOnly start, TimeOnly end,
        Actor actor, CancellationToken ct = default)
    {
        Edit(actor, hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await EngineerInHallAsync(db, engineerId, hallId, ct);
        var shift = RosterShift.Plan(hallId, engineerId, day, label, start, end, time.Zone);
        if (await db.RosterShifts.AnyAsync(s => s.EngineerId == engineerId && s.StartUtc < shift.EndUtc && shift.StartUtc < s.EndUtc, ct))
            throw ValidationFailedException.For("start", $"{engineer.Name}在该时段已有排班。");
        db.RosterShifts.Add(shift);
        db.Audit(actor, time.UtcNow, "新增排班", nameof(RosterShift), engineer.Name, null, shift.ToString(), hallId);
        await db.SaveChangesAsync(ct);
        return shift.Id;
    }

    public async Task RemoveShiftAsync(int shiftId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var shift = await db.RosterShifts.FirstOrDefaultAsync(s => s.Id == shiftId, ct);
        if (shift is null || !actor.CanSee(shift.HallId)) throw new NotFoundException("排班不存在。");
        Edit(actor, shift.HallId);
        var name = await db.Engineers.Where(e => e.Id == shift.EngineerId).Select(e => e.Name).FirstAsync(ct);
        db.RosterShifts.Remove(shift);
        db.Audit(actor, time.UtcNow, "删除排班", nameof(RosterShift), name, shift.ToString(), null, shift.HallId);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<OnCallRow>> OnCallAsync(int hallId, DateTime fromUtc, DateTime toUtc, Actor actor, CancellationToken ct = default)
    {
        Read(actor, hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from s in db.OnCallSlots.AsNoTracking()
                      join e in db.Engineers.AsNoTracking() on s.EngineerId equals e.Id
                      where s.HallId == hallId && s.FromUtc < toUtc && s.ToUtc > fromUtc
                      orderby s.FromUtc
                      select new OnCallRow(s.Id, e.Id, e.Name, s.FromUtc, s.ToUtc)).ToListAsync(ct);
    }

    public async Task<int> AddOnCallAsync(int hallId, int engineerId, DateTime fromUtc, DateTime toUtc, Actor actor, CancellationToken ct = default)
    {
        Edit(actor, hallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await EngineerInHallAsync(db, engineerId, hallId, ct);
        var slot = OnCallSlot.Plan(hallId, engineerId, fromUtc, toUtc);
        if (await db.OnCallSlots.AnyAsync(s => s.HallId == hallId && s.FromUtc < toUtc && fromUtc < s.ToUtc, ct))
            throw ValidationFailedException.For("from", "该时段已安排值班人员，同一时间只能一人值班。");
        db.OnCallSlots.Add(slot);
        db.Audit(actor, time.UtcNow, "新增值班", nameof(OnCallSlot), engineer.Name, null,
            $"{time.Format(fromUtc)} 至 {time.Format(toUtc)}", hallId);
        await db.SaveChangesAsync(ct);
        return slot.Id;
    }

    public async Task RemoveOnCallAsync(int slotId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slot = await db.OnCallSlots.FirstOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is null || !actor.CanSee(slot.HallId)) throw new NotFoundException("值班安排不存在。");
        Edit(actor, slot.HallId);
        var name = await db.Engineers.Where(e => e.Id == slot.EngineerId).Select(e => e.Name).FirstAsync(ct);
        db.OnCallSlots.Remove(slot);
        db.Audit(actor, time.UtcNow, "删除值班", nameof(OnCallSlot), name,
            $"{time.Format(slot.FromUtc)} 至 {time.Format(slot.ToUtc)}", null, slot.HallId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The engineer on call in the hall at that moment, if any.</summary>
    public static Task<int?> OnCallAtAsync(HallDbContext db, int hallId, DateTime utc, CancellationToken ct) =>
        db.OnCallSlots.AsNoTracking().Where(s => s.HallId == hallId && s.FromUtc <= utc && s.ToUtc > utc)
            .Select(s => (int?)s.EngineerId).FirstOrDefaultAsync(ct);

    internal static async Task<Engineer> EngineerInHallAsync(HallDbContext db, int engineerId, int hallId, CancellationToken ct) =>
        await db.Engineers.FirstOrDefaultAsync(e => e.Id == engineerId && e.HallId == hallId && e.IsActive, ct)
        ?? throw ValidationFailedException.For("engineer", "请选择本厅在职的工程师。");

    private static void Read(Actor actor, int hallId)
    {
        actor.RequireRole(Policies.RosterReaders);
        actor.RequireHall(hallId);
    }

    private static void Edit(Actor actor, int hallId)
    {
        actor.RequireRole(Policies.RolesOf(Policies.StaffingEditors));
        actor.RequireHall(hallId);
    }
}
