using ClosedXML.Excel;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Incidents;
using HallBoard.Features.Incidents.Plans;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Incidents;

/// <summary>书面改进方案 after a major fault, on SQLite, each test in a hall of its own: written by the lead, answered by the
/// bureau, carried out measure by measure; the incident is closed as final (结案) only once the plan exists.</summary>
public sealed class ImprovementPlanTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private IncidentCommands Incidents => app.Get<IncidentCommands>();
    private ImprovementPlans Plans => app.Get<ImprovementPlans>();
    private HallTime Time => app.Get<HallTime>();

    private async Task<(TestHall Hall, int Incident)> ClosedIncidentAsync()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Incidents.DeclareAsync(new IncidentDraft
        {
            Title = "电子税务局无法登录", Channels = [Channel.ETaxWeb], Business = "网上申报", StartUtc = Time.UtcNow.AddMinutes(-30),
        }, [], hall.Engineer(1));
        await Incidents.CloseAsync(id, Time.UtcNow.AddMinutes(-5), "认证服务证书过期", "更换证书并重启认证服务", hall.Lead);
        return (hall, id);
    }

    private static Actor BureauOf(TestHall hall) => HallAppFactory.As(Roles.Bureau, $"test:{hall.Code}:bureau", "局运维科", hall.Id);

    private Task<int> AuditAsync(string action, int incident, string? actorName = null) => app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
        a.Action == action && a.EntityId == incident.ToString() && (actorName == null || a.ActorName == actorName)));

    [Fact]
    public async Task An_incident_cannot_be_closed_as_final_without_a_written_plan_then_can()
    {
        var (hall, id) = await ClosedIncidentAsync();

        var refused = await Assert.ThrowsAsync<IncidentRuleException>(() => Incidents.CloseFinallyAsync(id, hall.Lead));
        Assert.Equal("该重大事件还没有书面改进方案，不能结案。请先编写改进方案。", refused.Message);
        var before = (await app.Get<IncidentQueries>().GetAsync(id, hall.Id))!;
        Assert.Null(before.Incident.FinalClosedUtc);
        Assert.Equal("已关闭", before.Incident.StateLabel);
        Assert.Equal(0, await AuditAsync("重大事件结案", id));

        await Plans.WriteAsync(id, "加强证书到期监控，避免认证中断", hall.Lead);
        await Incidents.CloseFinallyAsync(id, hall.Lead);

        var after = (await app.Get<IncidentQueries>().GetAsync(id, hall.Id))!;
        Assert.Equal("已结案", after.Incident.StateLabel);
        Assert.Equal(IncidentEntryKind.FinalClosed, after.Timeline[^1].Kind);
        Assert.Equal(1, await AuditAsync("重大事件结案", id));
        var twice = await Assert.ThrowsAsync<IncidentRuleException>(() => Incidents.CloseFinallyAsync(id, hall.Lead));
        Assert.Equal("该重大事件已结案。", twice.Message);
    }

    [Fact]
    public async Task An_open_incident_is_not_closed_as_final_even_with_a_plan()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Incidents.DeclareAsync(new IncidentDraft
        {
            Title = "自助终端全部离线", Channels = [Channel.SelfServiceTerminal], Business = "发票领用", StartUtc = Time.UtcNow.AddMinutes(-10),
        }, [], hall.Engineer(1));
        await Plans.WriteAsync(id, "终端网络改为双链路", hall.Lead);

        var refused = await Assert.ThrowsAsync<IncidentRuleException>(() => Incidents.CloseFinallyAsync(id, hall.Lead));
        Assert.Equal("该重大事件尚未关闭（业务尚未恢复），不能结案。", refused.Message);
    }

    [Fact]
    public async Task The_bureau_gives_its_opinion_measures_are_completed_and_each_step_is_audited_and_reported()
    {
        var (hall, id) = await ClosedIncidentAsync();
        var bureau = BureauOf(hall);
        await Plans.WriteAsync(id, "加强证书到期监控", hall.Lead);
        await Plans.AddMeasureAsync(id, "证书到期前 30 天告警", "张工", Time.Today.AddDays(14), hall.Lead);
        await Plans.AddMeasureAsync(id, "每月巡检认证服务", "李工", Time.Today.AddDays(30), hall.Lead);

        // The bureau writes no plan and cannot answer before the plan reaches it.
        await Assert.ThrowsAsync<ForbiddenException>(() => Plans.AddMeasureAsync(id, "局方加的", "王工", Time.Today, bureau));
        var early = await Assert.ThrowsAsync<IncidentRuleException>(() => Plans.RecordOpinionAsync(id, "同意", bureau));
        Assert.Equal("改进方案尚未提交局方，不能登记局方意见。", early.Message);
        var notYet = await Assert.ThrowsAsync<IncidentRuleException>(() => Plans.SetMeasureAsync(id, 1, MeasureState.Done, null, hall.Lead));
        Assert.Equal("局方提出意见后才能开始实施改进措施。", notYet.Message);

        await Plans.SubmitAsync(id, hall.Lead);
        await Plans.RecordOpinionAsync(id, "同意方案，告警须同时发送局运维科", bureau);
        var plan = (await Plans.OfIncidentAsync(id, hall.Lead))!;
        Assert.Equal(PlanState.BureauAnswered, plan.State);
        Assert.True(plan.OpinionByBureau);
        Assert.Equal(1, await AuditAsync("登记局方意见", id, "局运维科"));

        var (first, second) = (plan.Measures.OrderBy(m => m.Id).First(), plan.Measures.OrderBy(m => m.Id).Last());
        await Plans.SetMeasureAsync(id, first.Id, MeasureState.Done, Time.Today, hall.Lead);
        Assert.Equal(PlanState.InProgress, (await Plans.OfIncidentAsync(id, hall.Lead))!.State);
        await Plans.SetMeasureAsync(id, second.Id, MeasureState.Done, null, hall.Lead);
        Assert.Equal(PlanState.Done, (await Plans.OfIncidentAsync(id, hall.Lead))!.State);
        Assert.Equal(2, await AuditAsync("更新改进措施进度", id, "厅负责人"));
        var other = await TestHall.CreateAsync(app, engineers: 1);
        await Assert.ThrowsAsync<NotFoundException>(() => Plans.RecordOpinionAsync(id, "别厅局方", BureauOf(other)));

        var detail = (await app.Get<IncidentQueries>().GetAsync(id, hall.Id))!;
        var section = IncidentReport.Sections(detail, Time).Single(s => s.Title == "七、书面改进方案");
        Assert.Contains(section.Fields, f => f.Label == "方案状态" && f.Value == "已完成");
        Assert.Contains(section.Fields, f => f.Label == "局方意见和要求" && f.Value == "同意方案，告警须同时发送局运维科");
        Assert.Equal(["证书到期前 30 天告警", "每月巡检认证服务"], section.Table!.Rows.Select(r => r[0]));
        Assert.All(section.Table.Rows, r => Assert.Equal("已完成", r[3]));
        using var book = new XLWorkbook(new MemoryStream(app.Get<IncidentWorkbook>().Build(detail)));
        var texts = book.Worksheets.First().CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("七、书面改进方案", texts);
        Assert.Contains("每月巡检认证服务", texts);
    }
}
