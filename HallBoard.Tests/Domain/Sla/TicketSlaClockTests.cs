using HallBoard.Domain;
using HallBoard.Domain.Sla;

namespace HallBoard.Tests.Domain.Sla;

/// <summary>
/// A ticket's targets on the hall's business clock: Mon–Fri 09:00–12:00 and 13:30–17:30 with the 2026 holidays,
/// normal priority (10 min response, 120 min resolve). Expectations are worked out by hand; hall time is UTC+8.
/// </summary>
public sealed class TicketSlaClockTests
{
    private static readonly SlaClock Hall = new(new BusinessCalendar(OpeningHours.Standard, ChinaHolidays2026.Calendar),
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
    private static readonly SlaTarget Normal = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
    private static readonly Engineer Zhang = new() { Id = 1, HallId = 1, Name = "张伟", EmployeeNo = "E01" };
    private static readonly Engineer Wang = new() { Id = 2, HallId = 1, Name = "王芳", EmployeeNo = "E02" };
    private static readonly Actor AsZhang = new("u-zhang", "张伟", Zhang.Id, 1);
    private static readonly Actor AsWang = new("u-wang", "王芳", Wang.Id, 1);

    /// <summary>A moment in 2026 given in hall time, as UTC.</summary>
    private static DateTime At(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public void A_ticket_opened_before_the_national_day_is_due_after_it()
    {
        // Wed 30 Sept 17:00: 10 min that evening; 30 min that day, 1–7 Oct closed, 90 min on Thu 8 Oct.
        var ticket = Open(At(9, 30, 17));

        Assert.Equal(At(9, 30, 17, 10), ticket.ResponseDueUtc);
        Assert.Equal(At(10, 8, 10, 30), ticket.ResolveDueUtc);
        ticket.Take(Zhang, AsZhang, At(9, 30, 17, 5));
        Assert.False(ticket.IsOverdue(At(10, 7, 23, 59)));
        Assert.True(ticket.IsOverdue(At(10, 8, 10, 31)));
    }

    [Fact]
    public void A_make_up_saturday_counts_as_a_working_day()
    {
        // Fri 13 Feb 17:00: 30 min that day, the rest on Sat 14 Feb (调休上班), not after the spring festival.
        var ticket = Open(At(2, 13, 17));
        Assert.Equal(At(2, 14, 10, 30), ticket.ResolveDueUtc);

        // Logged on the make-up Saturday evening: the festival (15–23 Feb) does not count.
        var evening = Open(At(2, 14, 18));
        Assert.Equal(At(2, 24, 9, 10), evening.ResponseDueUtc);
        Assert.Equal(At(2, 24, 11), evening.ResolveDueUtc);
    }

    [Fact]
    public void A_ticket_logged_on_friday_evening_is_due_on_monday_morning()
    {
        var ticket = Open(At(3, 6, 19));

        Assert.Equal(At(3, 9, 9, 10), ticket.ResponseDueUtc);
        Assert.Equal(At(3, 9, 11), ticket.ResolveDueUtc);
        Assert.False(ticket.IsOverdue(At(3, 8, 23)));
    }

    [Fact]
    public void A_pause_over_the_weekend_pushes_the_due_time_by_what_was_left()
    {
        // Fri 6 March 16:00: 90 min on Friday, 30 on Monday: due Mon 09:30.
        var ticket = Open(At(3, 6, 16));
        ticket.Take(Zhang, AsZhang, At(3, 6, 16));
        Assert.Equal(At(3, 9, 9, 30), ticket.ResolveDueUtc);

        // Waiting on the taxpayer from Fri 16:30 (90 min left) until Mon 10:00.
        ticket.WaitOnTaxpayer("补交营业执照复印件", AsZhang, At(3, 6, 16, 30));
        Assert.Equal(At(3, 6, 16, 30), ticket.PausedSinceUtc);
        Assert.False(ticket.IsOverdue(At(3, 9, 9, 45)));

        ticket.Resume(AsZhang, At(3, 9, 10), Hall);

        Assert.Null(ticket.PausedSinceUtc);
        Assert.Equal(At(3, 9, 11, 30), ticket.ResolveDueUtc);
        Assert.False(ticket.IsOverdue(At(3, 9, 11, 30)));
        Assert.True(ticket.IsOverdue(At(3, 9, 11, 31)));
        Assert.Equal([TicketEventKind.WaitingOnTaxpayer, TicketEventKind.Resumed], ticket.Events.TakeLast(2).Select(e => e.Kind));
        Assert.Equal("补交营业执照复印件", ticket.Events[^2].Note);
        Assert.Equal("解决时限顺延至 03-09 11:30", ticket.Events[^1].Note);
    }

    [Fact]
    public void A_pause_begun_after_the_due_time_leaves_the_ticket_overdue_on_resume()
    {
        var ticket = Open(At(3, 3, 9));
        ticket.Take(Zhang, AsZhang, At(3, 3, 9));
        ticket.WaitOnTaxpayer("等待纳税人回电", AsZhang, At(3, 3, 11, 30));

        ticket.Resume(AsZhang, At(3, 4, 9), Hall);

        Assert.Equal(At(3, 4, 9), ticket.ResolveDueUtc);
        Assert.True(ticket.IsOverdue(At(3, 4, 9, 1)));
    }

    [Fact]
    public void Progress_read_from_the_due_time_skips_the_night_and_carries_the_pause()
    {
        // Tue 3 March 16:30 + 120 min: 60 min Tuesday, due Wed 10:00.
        var ticket = Open(At(3, 3, 16, 30));
        ticket.Take(Zhang, AsZhang, At(3, 3, 16, 30));
        var target = Normal.Resolve;

        Assert.Equal(0.5, Hall.Progress(ticket.ResolveDueUtc, target, At(3, 3, 22)).Fraction);
        Assert.Equal(SlaState.Warning, Hall.Progress(ticket.ResolveDueUtc, target, At(3, 4, 9, 30)).State);

        // A pause of an hour on Wednesday morning: at 10:30 half an hour is still left.
        ticket.WaitOnTaxpayer("核对发票信息", AsZhang, At(3, 4, 9));
        ticket.Resume(AsZhang, At(3, 4, 10), Hall);
        Assert.Equal(At(3, 4, 11), ticket.ResolveDueUtc);
        var progress = Hall.Progress(ticket.ResolveDueUtc, target, At(3, 4, 10, 30));
        Assert.Equal(TimeSpan.FromMinutes(30), progress.Remaining);
        Assert.Equal(SlaState.Warning, progress.State);
        Assert.Equal(SlaState.Breached, Hall.Progress(ticket.ResolveDueUtc, target, At(3, 4, 14)).State);
    }

    [Fact]
    public void A_reopen_continues_the_resolve_clock_from_where_resolving_stopped_it()
    {
        // Resolved on Tue 3 March at 10:00 with 60 min left (due 11:00), reopened at the call-back on Thu 5 March 15:00.
        var ticket = Open(At(3, 3, 9));
        ticket.Take(Zhang, AsZhang, At(3, 3, 9));
        ticket.Resolve("重新认证后可以登录", AsZhang, At(3, 3, 10));
        ticket.FollowUp(FollowUpOutcome.NotSatisfied, "仍无法登录", AsZhang, At(3, 5, 15), Hall);

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(At(3, 5, 16), ticket.ResolveDueUtc);
        Assert.False(ticket.IsOverdue(At(3, 5, 16)));

        // Resolved late: overdue again the moment it is reopened.
        var late = Open(At(3, 3, 9));
        late.Take(Zhang, AsZhang, At(3, 3, 9));
        late.Resolve("已处理", AsZhang, At(3, 3, 15));
        late.Reopen("纳税人再次来电", AsZhang, At(3, 4, 9), Hall);
        Assert.Equal(At(3, 4, 9), late.ResolveDueUtc);
        Assert.True(late.IsOverdue(At(3, 4, 9, 1)));
    }

    [Fact]
    public void Waiting_and_resuming_keep_to_the_rules_of_the_loop()
    {
        var ticket = Open(At(3, 3, 9));
        Assert.Equal(TicketRule.IllegalTransition, Assert.Throws<TicketRuleException>(() => ticket.WaitOnTaxpayer("补材料", AsZhang, At(3, 3, 9))).Rule);

        ticket.Take(Zhang, AsZhang, At(3, 3, 9));
        Assert.Equal(TicketRule.ReasonRequired, Assert.Throws<TicketRuleException>(() => ticket.WaitOnTaxpayer(" ", AsZhang, At(3, 3, 9))).Rule);
        Assert.Equal(TicketRule.NotAssignee, Assert.Throws<TicketRuleException>(() => ticket.WaitOnTaxpayer("补材料", AsWang, At(3, 3, 9))).Rule);
        Assert.Equal("工单没有在等待纳税人，无需恢复处理。", Assert.Throws<TicketRuleException>(() => ticket.Resume(AsZhang, At(3, 3, 9), Hall)).Message);

        ticket.WaitOnTaxpayer("补材料", AsZhang, At(3, 3, 10));
        var version = ticket.Version;
        Assert.Equal("工单已在等待纳税人。", Assert.Throws<TicketRuleException>(() => ticket.WaitOnTaxpayer("补材料", AsZhang, At(3, 3, 10))).Message);
        Assert.Equal("工单正在等待纳税人，请先恢复处理再解决。", Assert.Throws<TicketRuleException>(() => ticket.Resolve("已处理", AsZhang, At(3, 3, 10))).Message);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(version, ticket.Version);

        // Handing over while waiting keeps the wait; the new owner resumes.
        ticket.HandOver(Wang, "下班交接", AsZhang, At(3, 3, 11));
        ticket.Resume(AsWang, At(3, 3, 11), Hall);
        ticket.Resolve("材料齐全，已办结", AsWang, At(3, 3, 11, 30));
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
    }

    [Fact]
    public void Around_the_clock_every_minute_counts()
    {
        var ticket = Ticket.Open(1, "GX-20260306-0001", Draft(), Normal, AsZhang, At(3, 6, 19));
        Assert.Equal(At(3, 6, 21), ticket.ResolveDueUtc);
        Assert.Equal(TimeSpan.FromHours(62), SlaClock.AroundTheClock.Between(At(3, 6, 19), At(3, 9, 9)));
    }

    private static Ticket Open(DateTime atUtc) => Ticket.Open(1, "GX-20260303-0001", Draft(), Normal, Hall, AsZhang, atUtc);

    private static TicketDraft Draft() => new()
    {
        TaxpayerName = "张三",
        Channel = Channel.ETaxWeb,
        Category = Category.LoginIdentity,
        Kind = TicketKind.Fault,
        Description = "电子税务局登录提示身份认证失败",
    };
}
