using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.BureauTasks;
using HallBoard.Features.Wall;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HallBoard.Tests.Features.BureauTasks;

/// <summary>Bureau tasks on SQLite, each test in halls of its own, on a clock the test moves.</summary>
public sealed class BureauTaskCommandsTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private BureauTaskCommands Commands => app.Get<BureauTaskCommands>();
    private BureauTaskQueries Queries => app.Get<BureauTaskQueries>();
    private DateTime Now => app.Get<HallTime>().UtcNow;

    /// <summary>A bureau account whose home is one hall and which supervises another.</summary>
    private static Actor Bureau(int homeHallId, params int[] supervised) =>
        new("test:bureau", "市局运维科 周科长", null, homeHallId) { Roles = new HashSet<string> { Roles.Bureau }, SupervisedHalls = supervised.ToHashSet() };

    private BureauTaskDraft Draft(TestHall hall, int hours = 48, string? title = "更新自助办税终端发票打印驱动") =>
        new(hall.Id, title, "全市统一更新驱动，完成后反馈各终端测试结果。", hall.Engineer(1).EngineerId!.Value, Now.AddHours(hours), Priority.High);

    [Fact]
    public async Task The_bureau_issues_the_owner_accepts_reports_and_completes_and_the_bureau_confirms_with_timeline_and_audit()
    {
        var home = await TestHall.CreateAsync(app, engineers: 1);
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var bureau = Bureau(home.Id, hall.Id);
        var owner = hall.Engineer(1);

        var id = await Commands.IssueAsync(Draft(hall), bureau);
        var issued = (await Queries.GetAsync(id, owner)).Task;
        Assert.Equal(BureauTaskState.Issued, issued.State);
        Assert.Equal("市局运维科 周科长", issued.IssuerName);
        Assert.Equal([BureauTaskMove.Accept], issued.MovesFor(owner));
        Assert.Empty(issued.MovesFor(bureau));

        await Commands.AcceptAsync(id, issued.Version, owner);
        app.Time.Advance(TimeSpan.FromHours(1));
        await Commands.ReportProgressAsync(id, null, "已完成 3 台终端", 30, owner);
        app.Time.Advance(TimeSpan.FromHours(1));
        await Commands.ReportProgressAsync(id, null, "剩余 2 台等待厂商", null, owner);
        await Commands.CompleteAsync(id, null, "5 台终端均已更新并测试打印正常", owner);
        Assert.Equal([BureauTaskMove.Confirm, BureauTaskMove.Reopen], (await Queries.GetAsync(id, bureau)).Task.MovesFor(bureau));
        await Commands.ConfirmAsync(id, null, null, bureau);

        var done = (await Queries.GetAsync(id, bureau)).Task;
        Assert.Equal(BureauTaskState.Confirmed, done.State);
        Assert.Equal(100, done.Percent);
        Assert.Equal(
            [BureauTaskEventKind.Issued, BureauTaskEventKind.Accepted, BureauTaskEventKind.Progress, BureauTaskEventKind.Progress,
             BureauTaskEventKind.Completed, BureauTaskEventKind.Confirmed],
            done.Events.Select(e => e.Kind));
        Assert.Equal(30, done.Events[2].Percent);
        Assert.Equal("剩余 2 台等待厂商", done.Events[3].Note);
        Assert.True(done.Events[3].AtUtc > done.Events[2].AtUtc);
        Assert.Equal("市局运维科 周科长", done.Events[5].ByName);
        Assert.Equal(["下达局方任务", "接受局方指令", "局方任务进度反馈", "局方任务进度反馈", "局方任务完成", "局方任务确认办结"],
            await AuditActionsAsync(id));
        Assert.Empty(done.MovesFor(owner));
    }

    [Fact]
    public async Task A_bureau_cannot_issue_to_a_hall_it_does_not_supervise_an_engineer_cannot_issue_and_another_hall_reads_as_not_found()
    {
        var home = await TestHall.CreateAsync(app, engineers: 1);
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var bureau = Bureau(home.Id, hall.Id);

        var foreign = await Assert.ThrowsAsync<ForbiddenException>(() => Commands.IssueAsync(Draft(other), bureau));
        Assert.Equal("只能处理本厅的数据。", foreign.Message);
        var engineer = await Assert.ThrowsAsync<ForbiddenException>(() => Commands.IssueAsync(Draft(hall), hall.Engineer(1)));
        Assert.Equal(Actor.NoRightMessage, engineer.Message);
        Assert.Equal(0, await CountAsync(hall.Id, other.Id));

        var id = await Commands.IssueAsync(Draft(hall), bureau);
        await Assert.ThrowsAsync<NotFoundException>(() => Queries.GetAsync(id, other.Engineer(1)));
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.AcceptAsync(id, null, other.Engineer(1)));
        await Assert.ThrowsAsync<NotFoundException>(() => Commands.ConfirmAsync(id, null, null, Bureau(other.Id)));
        Assert.DoesNotContain(await Queries.ListAsync(Bureau(other.Id), null), r => r.Task.Id == id);
        Assert.Contains(await Queries.ListAsync(bureau, null), r => r.Task.Id == id && r.HallName.Contains(hall.Code));
    }

    [Fact]
    public async Task Bad_input_and_moves_out_of_turn_are_refused_in_chinese_and_change_nothing()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var bureau = Bureau(hall.Id);

        Assert.Equal("请填写任务标题。", (await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.IssueAsync(Draft(hall, title: " "), bureau))).Message);
        Assert.Equal("完成期限须晚于当前时间至少 30 分钟。",
            (await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.IssueAsync(Draft(hall, hours: -1), bureau))).Message);
        Assert.Equal("责任人须是该办税服务厅的在岗人员。", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.IssueAsync(Draft(hall) with { OwnerEngineerId = other.Engineer(1).EngineerId!.Value }, bureau))).Message);
        Assert.Equal("请填写下达人（局方联系人）。", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.IssueAsync(Draft(hall) with { Channel = BureauTaskChannel.Phone }, hall.Lead))).Message);
        Assert.Equal(0, await CountAsync(hall.Id));

        var id = await Commands.IssueAsync(Draft(hall) with { Channel = BureauTaskChannel.Phone, IssuerName = "市局 周科长" }, hall.Lead);
        Assert.Equal("只有责任人或办税服务厅负责人可以接收指令。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Commands.AcceptAsync(id, null, hall.Engineer(2)))).Message);
        Assert.Equal("请先接收指令。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Commands.ReportProgressAsync(id, null, "开始", 10, hall.Engineer(1)))).Message);
        await Commands.AcceptAsync(id, null, hall.Lead);
        Assert.Equal("完成进度须在 0 到 100 之间。", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.ReportProgressAsync(id, null, "开始", 120, hall.Engineer(1)))).Message);
        Assert.Equal("进度说明不能包含 HTML 标记或脚本。", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Commands.ReportProgressAsync(id, null, "<script>x</script>", null, hall.Engineer(1)))).Message);
        Assert.Equal("任务尚未完成，不能确认办结或退回。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Commands.ConfirmAsync(id, null, null, hall.Lead))).Message);
        var stale = (await Queries.GetAsync(id, hall.Lead)).Task.Version - 1;
        Assert.Equal("该任务已被他人更新，请刷新后再试。", (await Assert.ThrowsAsync<BureauTaskRuleException>(() =>
            Commands.CompleteAsync(id, stale, "完成", hall.Engineer(1)))).Message);

        await Commands.CompleteAsync(id, null, "已按要求完成", hall.Engineer(1));
        Assert.Equal("只有责任人或办税服务厅负责人可以反馈进度或完成任务。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Commands.CompleteAsync(id, null, "再次完成", hall.Engineer(2)))).Message);
        Assert.Equal("只有下达任务的税务局运维主管部门可以确认办结或退回。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Commands.ConfirmAsync(id, null, null, hall.Engineer(1)))).Message);
        Assert.Equal("请填写退回原因。",
            (await Assert.ThrowsAsync<ValidationFailedException>(() => Commands.ReopenAsync(id, null, " ", hall.Lead))).Message);
        var before = (await Queries.GetAsync(id, hall.Lead)).Task;
        Assert.Equal(BureauTaskState.Completed, before.State);
        Assert.Equal(["下达局方任务", "接受局方指令", "局方任务完成"], await AuditActionsAsync(id));

        // Recorded from a phone call, the lead records the bureau's answer: here, not yet satisfied.
        await Commands.ReopenAsync(id, before.Version, "局方要求补充测试记录", hall.Lead);
        var reopened = (await Queries.GetAsync(id, hall.Lead)).Task;
        Assert.Equal(BureauTaskState.InProgress, reopened.State);
        Assert.Null(reopened.CompletionNote);
        Assert.Equal("局方要求补充测试记录", reopened.Events[^1].Note);
        Assert.Contains("电话", reopened.Events[0].Note);
    }

    [Fact]
    public async Task An_open_task_warns_on_the_wall_before_its_deadline_turns_critical_when_overdue_and_clears_when_completed()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var bureau = Bureau(hall.Id);
        var id = await Commands.IssueAsync(Draft(hall, hours: 6), bureau);
        var alertId = BureauTaskAlertSource.AlertId(id);
        Assert.DoesNotContain(await AlertsAsync(hall), a => a.AlertId == alertId);

        app.Time.Advance(TimeSpan.FromHours(3));
        var warning = Assert.Single(await AlertsAsync(hall), a => a.AlertId == alertId);
        Assert.Equal(AlertKinds.Warning, warning.Severity);
        Assert.Contains("更新自助办税终端发票打印驱动", warning.Message);

        app.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));
        var critical = Assert.Single(await AlertsAsync(hall), a => a.AlertId == alertId);
        Assert.Equal(AlertKinds.Critical, critical.Severity);
        Assert.Contains("已逾期", critical.Message);
        Assert.True(await RaisedAsync(hall, alertId, raised: true));
        Assert.True((await Queries.GetAsync(id, bureau)).Task.IsOverdue(Now));

        await Commands.AcceptAsync(id, null, hall.Engineer(1));
        Assert.Contains(await AlertsAsync(hall), a => a.AlertId == alertId);
        await Commands.CompleteAsync(id, null, "已完成", hall.Engineer(1));
        Assert.DoesNotContain(await AlertsAsync(hall), a => a.AlertId == alertId);
        Assert.True(await RaisedAsync(hall, alertId, raised: false));
        Assert.Contains("逾期完成", (await Queries.GetAsync(id, bureau)).Task.Events[^1].Note);
    }

    private async Task<IReadOnlyList<HallBoard.Live.HallAlert>> AlertsAsync(TestHall hall) =>
        (await app.Get<WallQueries>().SnapshotAsync(hall.Id))!.Alerts;

    /// <summary>Whether the alert monitor has stored the alert as raised (or as gone); runs its check until it has.</summary>
    private async Task<bool> RaisedAsync(TestHall hall, string alertId, bool raised) =>
        await Eventually.ReadAsync(async () =>
        {
            await app.Services.GetServices<IHostedService>().OfType<HallAlertMonitor>().Single().CheckAsync();
            return await app.WithDbAsync(db => db.RaisedHallAlerts.AnyAsync(a => a.HallId == hall.Id && a.AlertId == alertId));
        }, stored => stored == raised) == raised;

    private Task<int> CountAsync(params int[] halls) => app.WithDbAsync(db => db.BureauTasks.CountAsync(t => halls.Contains(t.HallId)));

    private Task<List<string>> AuditActionsAsync(int id) => app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.EntityType == nameof(BureauTask) && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
