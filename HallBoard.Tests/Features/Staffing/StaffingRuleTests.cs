using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Features.Staffing;

namespace HallBoard.Tests.Features.Staffing;

/// <summary>The staffing rules on their own: absence from a status history, the five-business-day replacement clock,
/// opening hours, leave and the status it sets.</summary>
public sealed class StaffingRuleTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly SlaClock Clock = new(new BusinessCalendar(OpeningHours.Standard, ChinaHolidays2026.Calendar), China);

    /// <summary>Friday 27 November 2026, local time in the hall, as UTC.</summary>
    private static DateTime At(int hour, int minute = 0, int day = 27, int month = 11) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, month, day, hour, minute, 0), China);

    private static readonly (int, Span)[] Shift = [(7, new Span(At(8, 30), At(17, 30)))];

    [Fact]
    public void Off_post_for_more_than_two_hours_in_a_rostered_shift_is_an_absence()
    {
        StatusAt[] history = [new(At(8, 25), EngineerStatus.Available), new(At(10, 0), EngineerStatus.Away),
            new(At(11, 0), EngineerStatus.Offline), new(At(12, 10), EngineerStatus.Available)];

        var found = Assert.Single(AbsenceRule.Find(EngineerStatus.Offline, history, Shift, [], At(17, 30)));

        Assert.Equal((7, At(10, 0), At(12, 10)), (found.ShiftId, found.StartUtc, found.EndUtc));
    }

    [Fact]
    public void Off_post_for_less_than_two_hours_or_on_approved_leave_is_no_absence()
    {
        StatusAt[] shortBreak = [new(At(8, 25), EngineerStatus.Available), new(At(10, 0), EngineerStatus.Away),
            new(At(11, 55), EngineerStatus.Available)];
        Assert.Empty(AbsenceRule.Find(EngineerStatus.Offline, shortBreak, Shift, [], At(17, 30)));

        StatusAt[] longAway = [new(At(8, 25), EngineerStatus.Available), new(At(10, 0), EngineerStatus.Away),
            new(At(14, 0), EngineerStatus.Available)];
        Assert.Empty(AbsenceRule.Find(EngineerStatus.Offline, longAway, Shift, [new Span(At(9, 30), At(13, 0))], At(17, 30)));
    }

    [Fact]
    public void An_absence_still_going_on_counts_up_to_now_and_not_before_it_passes_two_hours()
    {
        StatusAt[] history = [new(At(8, 20), EngineerStatus.Available), new(At(9, 0), EngineerStatus.Offline)];

        Assert.Empty(AbsenceRule.Find(EngineerStatus.Offline, history, Shift, [], At(10, 59)));
        var found = Assert.Single(AbsenceRule.Find(EngineerStatus.Offline, history, Shift, [], At(11, 1)));
        Assert.Equal(At(11, 1), found.EndUtc);
    }

    [Fact]
    public void The_replacement_deadline_counts_five_business_days_over_weekends_and_holidays()
    {
        // Friday 27 November: Mon 30 Nov … Fri 4 Dec; due when Friday 4 December ends.
        Assert.Equal(At(0, 0, day: 5, month: 12), HallHours.AfterBusinessDays(Clock, At(15), 5));
        // Wednesday 30 September: National Day 1–7 October, Saturday 10 October is a make-up working day:
        // 8, 9, 10, 12, 13 October; due when Tuesday 13 October ends.
        Assert.Equal(At(0, 0, day: 14, month: 10), HallHours.AfterBusinessDays(Clock, At(10, 0, day: 30, month: 9), 5));
    }

    [Fact]
    public void The_hall_is_open_only_inside_its_opening_hours_on_open_days()
    {
        Assert.True(HallHours.IsOpen(Clock, At(9, 30)));
        Assert.False(HallHours.IsOpen(Clock, At(12, 30)));
        Assert.False(HallHours.IsOpen(Clock, At(22)));
        Assert.False(HallHours.IsOpen(Clock, At(10, 0, day: 28)));
        Assert.False(HallHours.IsOpen(Clock, At(10, 0, day: 1, month: 10)));
    }

    [Fact]
    public void Leave_over_one_day_needs_a_substitute_and_approval_needs_both_the_lead_and_the_manager()
    {
        var engineer = new Actor("e", "张伟", 1, 1) { Roles = new HashSet<string> { HallBoard.Features.Account.Roles.Engineer } };
        var refused = Assert.Throws<ValidationFailedException>(() =>
            LeaveRequest.Request(1, 1, LeaveKind.Personal, "探亲", At(9), At(9, 0, day: 30), null, engineer, At(8)));
        Assert.Equal("超过一天的请假须指定替岗人员。", refused.Message);

        var leave = LeaveRequest.Request(1, 1, LeaveKind.Official, "外出培训", At(9), At(12), null, engineer, At(8));
        Assert.Throws<ForbiddenException>(() => leave.Approve(engineer, At(8)));
        leave.Approve(new Actor("l", "赵主任", null, 1) { Roles = new HashSet<string> { HallBoard.Features.Account.Roles.HallLead } }, At(8));
        Assert.Equal(("待部门经理审批", false), (leave.StateLabel, leave.Covers(At(10))));
        leave.Approve(new Actor("m", "孙经理", null, 1) { Roles = new HashSet<string> { HallBoard.Features.Account.Roles.Manager } }, At(8));
        Assert.Equal(("已批准", true), (leave.StateLabel, leave.Covers(At(10))));
    }

    [Fact]
    public void Approved_leave_shows_leave_in_its_period_and_ends_by_itself()
    {
        Span[] leave = [new(At(9), At(12))];
        Assert.Equal(EngineerStatus.OnLeave, LeaveStatusRule.Next(EngineerStatus.Available, At(8, 30), leave, At(9, 1)));
        Assert.Null(LeaveStatusRule.Next(EngineerStatus.Available, At(10), leave, At(10, 30)));
        Assert.Equal(EngineerStatus.Offline, LeaveStatusRule.Next(EngineerStatus.OnLeave, At(9), leave, At(12)));
    }
}
