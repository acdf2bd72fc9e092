using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Staffing;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Staffing;

/// <summary>A test hall with its hall lead and manager, and its engineers signed in with the Engineer role.</summary>
public sealed class StaffingHall(HallAppFactory app, TestHall hall)
{
    public TestHall Hall => hall;
    public int Id => hall.Id;

    public Actor Lead { get; } = new($"lead:{hall.Code}", "赵主任", null, hall.Id) { Roles = new HashSet<string> { Roles.HallLead } };
    public Actor Manager { get; } = new($"manager:{hall.Code}", "孙经理", null, hall.Id) { Roles = new HashSet<string> { Roles.Manager } };

    public static async Task<StaffingHall> CreateAsync(HallAppFactory app, int engineers) =>
        new(app, await TestHall.CreateAsync(app, engineers));

    public Actor Engineer(int n) => hall.Engineer(n) with { Roles = new HashSet<string> { Roles.Engineer } };

    public int EngineerId(int n) => hall.Engineer(n).EngineerId!.Value;

    public LeaveBook Leave => app.Get<LeaveBook>();

    /// <summary>Leave of engineer n from now for the given time, requested by them and approved by lead and manager.</summary>
    public async Task<int> ApprovedLeaveAsync(int n, TimeSpan length, int? substitute = null, TimeSpan? startIn = null)
    {
        var now = app.Get<HallBoard.Hosting.HallTime>().UtcNow;
        var start = now + (startIn ?? TimeSpan.Zero);
        var id = await Leave.RequestAsync(Id, new LeaveDraft(EngineerId(n), LeaveKind.Personal, "家中有事", start, start + length,
            substitute is int s ? EngineerId(s) : null), Engineer(n));
        await Leave.ApproveAsync(id, Lead);
        await Leave.ApproveAsync(id, Manager);
        return id;
    }

    /// <summary>Rosters engineers 1..count for today's shift from 08:30 to 17:30 in the hall.</summary>
    public async Task RosterTodayAsync(int count, string start = "08:30", string end = "17:30")
    {
        var today = app.Get<HallBoard.Hosting.HallTime>().Today;
        for (var n = 1; n <= count; n++)
            await app.Get<RosterBook>().AddShiftAsync(Id, EngineerId(n), today, "全天", TimeOnly.Parse(start), TimeOnly.Parse(end), Lead);
    }

    public Task<List<Data.AuditEntry>> AuditAsync(string action) => app.WithDbAsync(db =>
        db.AuditEntries.Where(a => a.HallId == Id && a.Action == action).OrderBy(a => a.Id).ToListAsync());
}
