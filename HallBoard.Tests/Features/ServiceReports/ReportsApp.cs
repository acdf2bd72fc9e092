using HallBoard.Domain;
using HallBoard.Features.Satisfaction;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The tickets of <see cref="ReportsApp.KnownAsync"/>, by their names in its description.</summary>
public sealed record KnownReportData(int HallId, TicketRef T1, TicketRef T2, TicketRef T3, TicketRef T4, TicketRef T5, TicketRef T6, TicketRef T7);

/// <summary>
/// The app on a driven clock (hall time UTC+8) that starts on 1 December 2025, so the demo tickets fall in 2025;
/// SLA: Normal 10 / 120 minutes, High 5 / 60 minutes. Half-year targets: response 95 %, resolve 90 %,
/// satisfaction 60 %, call-back 60 %, guidance 50 %.
/// </summary>
public sealed class ReportsApp : HallAppFactory
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KnownReportData? _known;

    public ReportsApp()
    {
        Clock = new FakeTimeProvider(At(2025, 12, 1, 12, 0));
        Settings["Sla:Priorities:Normal:ResponseMinutes"] = "10";
        Settings["Sla:Priorities:Normal:ResolveMinutes"] = "120";
        Settings["Sla:Priorities:High:ResponseMinutes"] = "5";
        Settings["Sla:Priorities:High:ResolveMinutes"] = "60";
        Settings["ServiceReports:Targets:ResponseCompliance"] = "0.95";
        Settings["ServiceReports:Targets:ResolveCompliance"] = "0.9";
        Settings["ServiceReports:Targets:SatisfactionRate"] = "0.6";
        Settings["ServiceReports:Targets:CallBackRate"] = "0.6";
        Settings["ServiceReports:Targets:GuidanceSuccessRate"] = "0.5";
    }

    protected override bool SharesSeededDemo => true;

    /// <summary>When the tests read the reports: 10:00 on 2 July 2026, hall time.</summary>
    public static readonly DateTimeOffset ReportTime = At(2026, 7, 2, 10, 0);

    /// <summary>A moment in hall time.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// In the demo hall, all hall time, worked through <see cref="TicketCommands"/>:
    /// <list type="bullet">
    /// <item>T7 28 Feb 23:50 counter payment consultation, never taken.</item>
    /// <item>T1 2 Mar 09:00 counter invoice fault 开票失败 (Normal): 张伟 takes 09:05, resolves 09:30, 非常满意 on the tablet
    /// 09:40, call-back reached 09:50, closed 09:55.</item>
    /// <item>T2 2 Mar 10:00 e-tax filing consultation, guided online with success: 王芳 takes 10:20 (late), resolves 11:00,
    /// 基本满意 by phone 11:05, call-back reached 11:30.</item>
    /// <item>T3 3 Mar 14:00 app filing guidance, guided online without success: 李娜 takes 14:02, resolves 17:00 (late),
    /// 满意 on the tablet 17:05, call-back not reached 17:30.</item>
    /// <item>T4 10 Mar 09:00 self-service invoice fault 开票失败 (High): 张伟 takes 09:03, never resolved.</item>
    /// <item>T5 31 Mar 23:30 counter invoice complaint, never taken.</item>
    /// <item>T6 1 Apr 00:10 (still 31 March in UTC) counter suggestion, never taken.</item>
    /// </list>
    /// Also: an improvement action logged 10 Mar 09:30 (王芳, due 30 Apr); trainings on 15 Mar (3 attendees) and
    /// 2 Apr (2 attendees), both recorded at <see cref="ReportTime"/>; then <see cref="ReportSectionsData"/>. The clock
    /// then stands at <see cref="ReportTime"/>.
    /// </summary>
    public async Task<KnownReportData> KnownAsync()
    {
        await _gate.WaitAsync();
        try { return _known ??= await SeedAsync(); }
        finally { _gate.Release(); }
    }

    private async Task<KnownReportData> SeedAsync()
    {
        var commands = Get<TicketCommands>();
        var hall = await DemoHallAsync();
        var (zhang, wang, li) = (await EngineerActorAsync(1), await EngineerActorAsync(2), await EngineerActorAsync(3));
        var lead = await ActorAsync("lead");
        var clock = Clock!;
        Task<TicketRef> Intake(DateTimeOffset at, TicketDraft draft)
        {
            clock.SetUtcNow(at);
            return commands.IntakeAsync(hall.Id, draft, zhang, takeNow: false);
        }
        async Task<TicketRef> Step(DateTimeOffset at, Func<Task<TicketRef>> step)
        {
            clock.SetUtcNow(at);
            return await step();
        }

        var t7 = await Intake(At(2026, 2, 28, 23, 50), Draft("缴款咨询", Channel.Counter, Category.Payment, TicketKind.Consultation));

        var t1 = await Intake(At(2026, 3, 2, 9, 0), Draft("开票失败", Channel.Counter, Category.Invoice, TicketKind.Fault));
        t1 = await Step(At(2026, 3, 2, 9, 5), () => commands.TakeAsync(t1.Id, null, zhang.EngineerId!.Value, zhang));
        t1 = await Step(At(2026, 3, 2, 9, 30), () => commands.ResolveAsync(t1.Id, null, "重新安装税控盘驱动后开票正常", zhang));
        t1 = await Step(At(2026, 3, 2, 9, 40), () => commands.RateAsync(t1.Id, null, SatisfactionLevel.VerySatisfied, "很专业", RatingSource.HandedTablet, zhang));
        t1 = await Step(At(2026, 3, 2, 9, 50), () => commands.FollowUpAsync(t1.Id, null, FollowUpOutcome.Reached, "已正常开票", zhang));
        t1 = await Step(At(2026, 3, 2, 9, 55), () => commands.CloseAsync(t1.Id, null, CloseReason.Completed, null, zhang));

        var t2 = await Intake(At(2026, 3, 2, 10, 0), Draft("申报表填写", Channel.ETaxWeb, Category.Filing, TicketKind.Consultation) with
        {
            GuidedOnline = true, GuidanceSucceeded = true,
        });
        t2 = await Step(At(2026, 3, 2, 10, 20), () => commands.TakeAsync(t2.Id, null, wang.EngineerId!.Value, wang));
        t2 = await Step(At(2026, 3, 2, 11, 0), () => commands.ResolveAsync(t2.Id, null, "指导纳税人在电子税务局完成申报", wang));
        var links = Get<SatisfactionLinks>();
        var t2Link = await links.CreateAsync(t2.Id, RatingSource.OwnPhone, wang);
        clock.SetUtcNow(At(2026, 3, 2, 11, 5));
        await links.RateAsync(t2Link, SatisfactionLevel.Basic, null);
        t2 = await Step(At(2026, 3, 2, 11, 30), () => commands.FollowUpAsync(t2.Id, null, FollowUpOutcome.Reached, null, wang));

        var t3 = await Intake(At(2026, 3, 3, 14, 0), Draft("APP申报引导", Channel.MobileApp, Category.Filing, TicketKind.Guidance) with
        {
            GuidedOnline = true, GuidanceSucceeded = false,
        });
        t3 = await Step(At(2026, 3, 3, 14, 2), () => commands.TakeAsync(t3.Id, null, li.EngineerId!.Value, li));
        t3 = await Step(At(2026, 3, 3, 17, 0), () => commands.ResolveAsync(t3.Id, null, "协助纳税人在窗口完成申报", li));
        t3 = await Step(At(2026, 3, 3, 17, 5), () => commands.RateAsync(t3.Id, null, SatisfactionLevel.Satisfied, null, RatingSource.HandedTablet, li));
        t3 = await Step(At(2026, 3, 3, 17, 30), () => commands.FollowUpAsync(t3.Id, null, FollowUpOutcome.NotReached, "无人接听", li));

        var t4 = await Intake(At(2026, 3, 10, 9, 0), Draft("开票失败", Channel.SelfServiceTerminal, Category.Invoice, TicketKind.Fault) with
        {
            Priority = Priority.High,
        });
        t4 = await Step(At(2026, 3, 10, 9, 3), () => commands.TakeAsync(t4.Id, null, zhang.EngineerId!.Value, zhang));
        clock.SetUtcNow(At(2026, 3, 10, 9, 30));
        await Get<TeamRecords>().AddImprovementAsync(hall.Id, new ImprovementInput("自助终端旁张贴发票打印指引", "王芳", new DateOnly(2026, 4, 30)), lead);

        var t5 = await Intake(At(2026, 3, 31, 23, 30), Draft("排队时间过长", Channel.Counter, Category.Invoice, TicketKind.Complaint));
        var t6 = await Intake(At(2026, 4, 1, 0, 10), Draft("建议增加自助终端", Channel.Counter, Category.Other, TicketKind.Suggestion));

        clock.SetUtcNow(ReportTime);
        var records = Get<TeamRecords>();
        await records.AddTrainingAsync(hall.Id, new TrainingInput(new DateOnly(2026, 3, 15), "电子税务局新版申报培训", "张伟", "王芳、李娜、刘洋"), lead);
        await records.AddTrainingAsync(hall.Id, new TrainingInput(new DateOnly(2026, 4, 2), "发票业务培训", "王芳", "张伟, 陈静"), lead);
        var known = new KnownReportData(hall.Id, t1, t2, t3, t4, t5, t6, t7);
        await ReportSectionsData.SeedAsync(this, known);
        return known;
    }

    private static TicketDraft Draft(string description, Channel channel, Category category, TicketKind kind) => new()
    {
        TaxpayerName = $"纳税人（{description}）",
        Channel = channel,
        Category = category,
        Kind = kind,
        Priority = Priority.Normal,
        Description = description,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _gate.Dispose();
    }
}
