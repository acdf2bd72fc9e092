using HallBoard.Domain;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Records;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The half-year report's life: draft, corrective actions for the misses, final with frozen figures.</summary>
public sealed class ServiceLevelReportTests(ReportsApp app) : IClassFixture<ReportsApp>
{

    [Fact]
    public async Task Finalising_waits_for_an_action_on_every_miss_then_freezes_the_figures()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");
        var reports = app.Get<ServiceLevelReports>();

        var bare = await Assert.ThrowsAsync<ValidationFailedException>(() => reports.FinaliseAsync(known.HallId, 2026, 1, manager));
        await reports.AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("response", "高峰时段增派一名工程师值守取号区", (await app.EngineerActorAsync(1)).EngineerId, new DateOnly(2026, 8, 31)), manager);
        var half = await Assert.ThrowsAsync<ValidationFailedException>(() => reports.FinaliseAsync(known.HallId, 2026, 1, manager));
        await reports.AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("resolve", "发票类故障建立备用税控设备", (await app.EngineerActorAsync(2)).EngineerId, new DateOnly(2026, 9, 30)), manager);
        await reports.FinaliseAsync(known.HallId, 2026, 1, manager);

        Assert.Equal("以下指标未达标，尚未填写整改措施，不能定稿：响应及时率（目标 95.0%，实际 42.9%）、解决及时率（目标 90.0%，实际 28.6%）。", bare.Message);
        Assert.Equal("以下指标未达标，尚未填写整改措施，不能定稿：解决及时率（目标 90.0%，实际 28.6%）。", half.Message);
        var final = await reports.ViewAsync(known.HallId, 2026, 1);
        Assert.True(final.IsFinal);
        Assert.Equal("孙经理", final.FinalisedByName);
        Assert.Equal(2, final.Actions.Count);
        // Finalised on 2 July, within ten business days of the half year's end; the check is frozen with the figures.
        Assert.Equal("按时", final.Documents!.Checks.Single(c => c.Document == DocumentRules.ServiceLevelReport).VerdictText);
        Assert.Equal(12, final.Documents.Total.Required);

        // A ticket written into the half year afterwards changes the live figures, not the final report's.
        await app.WithDbAsync(async db =>
        {
            var sla = new SlaTarget(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(120));
            db.Tickets.Add(Ticket.Open(known.HallId, "GX-20260515-9001", new TicketDraft { TaxpayerName = "补录", Description = "补录工单" },
                sla, manager, ReportsApp.At(2026, 5, 15, 9, 0).UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var frozen = await reports.ViewAsync(known.HallId, 2026, 1);
        Assert.Equal((3, 7), (frozen.Lines[0].Count, frozen.Lines[0].Of));
        Assert.Equal("42.9%", frozen.Lines[0].ActualText);

        var zhang = (await app.EngineerActorAsync(1)).EngineerId;
        var edit = await Assert.ThrowsAsync<ValidationFailedException>(() => reports.AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("response", "再加一条", zhang, new DateOnly(2026, 8, 31)), manager));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => reports.FinaliseAsync(known.HallId, 2026, 1, manager));
        Assert.Equal("该报告已定稿，数据已冻结，不能再修改。", edit.Message);
        Assert.Equal(edit.Message, again.Message);
        var audit = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "服务水平报告定稿" && a.EntityId == "2026-H1"));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task A_half_year_still_running_cannot_be_finalised()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.Get<ServiceLevelReports>().FinaliseAsync(known.HallId, 2026, 2, manager));

        Assert.Equal("2026年下半年尚未结束（截至 2026-12-31），结束后才能定稿。", refused.Message);
        Assert.False(await app.WithDbAsync(db => db.ServiceLevelReports.AnyAsync(r => r.Year == 2026 && r.Half == 2)));
    }

    [Fact]
    public async Task A_corrective_action_needs_its_text_owner_due_day_and_a_metric()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => app.Get<ServiceLevelReports>().AddActionAsync(
            known.HallId, 2025, 2, new CorrectiveInput("nonsense", " ", 99999, null), manager));

        Assert.Equal("请填写整改措施。", refused.Errors["text"][0]);
        Assert.Equal("请选择本厅的一名人员作为责任人。", refused.Errors["owner"][0]);
        Assert.Equal("请选择整改期限。", refused.Errors["due"][0]);
        Assert.Equal("请选择整改针对的指标。", refused.Errors["metric"][0]);
        Assert.False(await app.WithDbAsync(db => db.ServiceLevelReports.AnyAsync(r => r.Year == 2025)));
    }

    [Fact]
    public async Task Trainings_and_improvement_actions_are_checked_and_listed()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");
        var records = app.Get<TeamRecords>();

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => records.AddTrainingAsync(known.HallId,
            new TrainingInput(new DateOnly(2026, 7, 3), "明天的培训", "张伟", "王芳"), manager));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => records.AddImprovementAsync(known.HallId,
            new ImprovementInput("", null, null), manager));
        var id = await records.AddImprovementAsync(known.HallId, new ImprovementInput("优化取号分流", "李娜", new DateOnly(2026, 8, 1)), manager);
        await records.SetImprovementStatusAsync(known.HallId, id, ImprovementStatus.Done, manager);

        Assert.Equal("培训日期晚于今天：这里登记已经举办的培训。", future.Errors["date"][0]);
        Assert.Equal(["description", "owner", "due"], empty.Errors.Keys);
        var trainings = await records.TrainingsAsync(known.HallId);
        Assert.Equal([("发票业务培训", 2), ("电子税务局新版申报培训", 3)], trainings.Select(t => (t.Topic, t.AttendeeCount)));
        var done = (await records.ImprovementsAsync(known.HallId)).Single(a => a.Id == id);
        Assert.Equal(ImprovementStatus.Done, done.Status);
        Assert.Equal(ReportsApp.ReportTime.UtcDateTime, done.CompletedUtc);
    }
}
