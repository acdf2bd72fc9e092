using HallBoard.Domain;
using HallBoard.Features.Engineers;
using HallBoard.Features.Staffing;
using HallBoard.Features.Tickets;
using HallBoard.Features.Wall;
using HallBoard.Tests.Features.Wall;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Staffing;

/// <summary>Leave, absence, the duty alert and the lead's measures through the app's services on a clock the test moves.</summary>
public sealed class StaffingCommandsTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private async Task<EngineerStatus> StatusAsync(StaffingHall hall, int n) =>
        (await app.Get<EngineerStatusBook>().CurrentAsync(hall.EngineerId(n)))!.Status;

    [Fact]
    public async Task Leave_under_one_day_takes_both_approvals_shows_leave_and_ends_by_itself()
    {
        app.MoveToNextOpening();
        var hall = await StaffingHall.CreateAsync(app, engineers: 2);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var id = await hall.Leave.RequestAsync(hall.Id, new LeaveDraft(hall.EngineerId(1), LeaveKind.Personal, "看病", now, now.AddHours(3), null), hall.Engineer(1));

        await hall.Leave.ApproveAsync(id, hall.Lead);
        Assert.NotEqual(EngineerStatus.OnLeave, await StatusAsync(hall, 1));
        var leave = await hall.Leave.ApproveAsync(id, hall.Manager);

        Assert.Equal(LeaveState.Approved, leave.State);
        Assert.Equal(EngineerStatus.OnLeave, await StatusAsync(hall, 1));
        Assert.Single(await hall.AuditAsync("请假申请"));
        Assert.Equal(2, (await hall.AuditAsync("请假审批")).Count);

        app.Time.Advance(TimeSpan.FromHours(3));
        await app.Get<StaffingMonitor>().CheckAsync();
        Assert.Equal(EngineerStatus.Offline, await StatusAsync(hall, 1));
    }

    [Fact]
    public async Task Leave_over_one_day_without_a_substitute_is_refused_and_with_one_is_approved_and_recorded()
    {
        var hall = await StaffingHall.CreateAsync(app, engineers: 2);
        var now = app.Time.GetUtcNow().UtcDateTime;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => hall.Leave.RequestAsync(hall.Id,
            new LeaveDraft(hall.EngineerId(1), LeaveKind.Personal, "探亲", now.AddDays(1), now.AddDays(4), null), hall.Engineer(1)));
        Assert.Equal("超过一天的请假须指定替岗人员。", refused.Message);
        Assert.Empty(await hall.AuditAsync("请假申请"));

        await hall.ApprovedLeaveAsync(1, TimeSpan.FromDays(3), substitute: 2, startIn: TimeSpan.FromDays(1));

        var row = Assert.Single(await hall.Leave.ListAsync(hall.Id, hall.Lead));
        Assert.Equal((LeaveState.Approved, "工程师2"), (row.Leave.State, row.Substitute));
        Assert.Contains("替岗=工程师2", Assert.Single(await hall.AuditAsync("请假申请")).After);
    }

    [Fact]
    public async Task An_engineer_setting_leave_on_themselves_is_refused()
    {
        var hall = await StaffingHall.CreateAsync(app, engineers: 1);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.Get<EngineerStatusBook>().SetAsync(hall.EngineerId(1), EngineerStatus.OnLeave, hall.Engineer(1)));
        Assert.Contains("请假须提交请假申请", refused.Message);
        Assert.NotEqual(EngineerStatus.OnLeave, await StatusAsync(hall, 1));
    }

    [Fact]
    public async Task The_duty_alert_is_raised_in_opening_hours_and_silent_outside_them()
    {
        app.MoveToNextOpening();
        var hall = await StaffingHall.CreateAsync(app, engineers: 5);
        await hall.RosterTodayAsync(5, "08:00", "23:59");
        foreach (var n in new[] { 1, 2 })
            await app.Get<EngineerStatusBook>().SetAsync(hall.EngineerId(n), EngineerStatus.Available, hall.Engineer(n));

        Assert.Contains(await AlertsAsync(hall), a => a.AlertId == $"duty:{hall.Hall.Code}");
        app.Time.Advance(TimeSpan.FromHours(12)); // 21:00, closed
        Assert.DoesNotContain(await AlertsAsync(hall), a => a.Kind == AlertKinds.FewEngineers);
    }

    private async Task<IReadOnlyList<HallBoard.Live.HallAlert>> AlertsAsync(StaffingHall hall) =>
        await app.Get<HallAlerts>().EvaluateAsync((await app.Get<WallQueries>().SituationAsync(hall.Id))!);

    [Fact]
    public async Task Off_post_over_two_hours_in_a_shift_is_recorded_and_after_a_rectification_opens_a_replacement()
    {
        app.MoveToNextOpening();
        var hall = await StaffingHall.CreateAsync(app, engineers: 1);
        await hall.RosterTodayAsync(1, "08:30", "17:30");
        await app.Get<EngineerStatusBook>().SetAsync(hall.EngineerId(1), EngineerStatus.Available, hall.Engineer(1));
        await app.Get<DisciplineBook>().IssueRectificationAsync(hall.Id, hall.EngineerId(1), null, "工作纪律松散", hall.Lead);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await app.Get<EngineerStatusBook>().SetAsync(hall.EngineerId(1), EngineerStatus.Away, hall.Engineer(1));

        app.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await app.Get<StaffingMonitor>().CheckAsync();

        var board = await app.Get<StaffingQueries>().BoardAsync(hall.Id, hall.Lead);
        Assert.Single(board.Absences);
        Assert.Equal("整改后再次脱岗", Assert.Single(board.Replacements).Reason);
        Assert.Single(await hall.AuditAsync("脱岗记录"));
        Assert.Single(await hall.AuditAsync("要求更换"));
        Assert.Single(await hall.AuditAsync("整改通知"));
    }

    [Fact]
    public async Task Every_lead_measure_writes_its_audit_entry()
    {
        var hall = await StaffingHall.CreateAsync(app, engineers: 2);
        var roster = app.Get<RosterBook>();
        var discipline = app.Get<DisciplineBook>();
        var today = app.Get<HallBoard.Hosting.HallTime>().Today;
        var now = app.Time.GetUtcNow().UtcDateTime;

        var shift = await roster.AddShiftAsync(hall.Id, hall.EngineerId(1), today.AddDays(3), "早班", new(8, 30), new(12, 30), hall.Lead);
        await roster.RemoveShiftAsync(shift, hall.Manager);
        var slot = await roster.AddOnCallAsync(hall.Id, hall.EngineerId(2), now.AddDays(2), now.AddDays(2).AddHours(12), hall.Lead);
        await roster.RemoveOnCallAsync(slot, hall.Lead);
        var notice = await discipline.IssueRectificationAsync(hall.Id, hall.EngineerId(1), null, "服务态度差", hall.Lead);
        await discipline.ConcludeRectificationAsync(notice, passed: false, hall.Lead);
        var open = await app.WithDbAsync(db => db.ReplacementCases.SingleAsync(r => r.HallId == hall.Id));
        await discipline.CloseReplacementAsync(open.Id, "由李四接替，已到岗", hall.Manager);
        await discipline.RegisterFaultAsync(hall.Id, hall.EngineerId(2), FaultKind.Quarrel, "与纳税人发生争执", hall.Lead);
        await discipline.RecordTransferAsync(hall.Id, hall.EngineerId(2), "城东办税服务厅", "钱科长", now.AddHours(-1), null, hall.Manager);
        var leave = await hall.Leave.RequestAsync(hall.Id, new LeaveDraft(hall.EngineerId(2), LeaveKind.Official, "外出培训",
            now.AddDays(5), now.AddDays(5).AddHours(4), null), hall.Manager);
        await hall.Leave.RefuseAsync(leave, "当天人手不足", hall.Lead);

        foreach (var action in new[] { "新增排班", "删除排班", "新增值班", "删除值班", "整改通知", "整改结论", "要求更换", "完成更换",
                     "重大过错", "人员调动", "请假不批准" })
            Assert.Single(await hall.AuditAsync(action));
        var refusedBy = await Assert.ThrowsAsync<HallBoard.Domain.ForbiddenException>(() =>
            roster.AddShiftAsync(hall.Id, hall.EngineerId(1), today, "早班", new(8, 30), new(12, 30), hall.Engineer(1)));
        Assert.Equal(Actor.NoRightMessage, refusedBy.Message);
    }
}
