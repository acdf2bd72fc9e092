using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.BureauTasks;
using HallBoard.Hosting;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.BureauTasks;

/// <summary>The new-requirement register (新需求反馈): 登记 → 已上报公司 → 已制定方案 → 已实施, or 不采纳, each move by its role.</summary>
public sealed class RequirementBookTests(FakeClockHall app) : IClassFixture<FakeClockHall>
{
    private RequirementBook Book => app.Get<RequirementBook>();
    private DateOnly Today => app.Get<HallTime>().Today;

    private static Actor Manager(TestHall hall) => HallAppFactory.As(Roles.Manager, $"test:{hall.Code}:manager", "孙经理", hall.Id);

    private RequirementDraft Draft(TestHall hall, string? description = "市局社保费征缴系统上线，需在智慧办税区增设引导岗") =>
        new(hall.Id, description, RequirementSource.Bureau, "市局 周科长", Today);

    [Fact]
    public async Task A_requirement_goes_from_registered_to_reported_planned_and_implemented_each_move_by_its_role_and_audited()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var id = await Book.RegisterAsync(Draft(hall), hall.Engineer(1));

        Assert.Equal("只有办税服务厅负责人或运维经理可以上报公司。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Book.ReportAsync(id, Today, hall.Engineer(1)))).Message);
        Assert.Equal("需求须先上报公司，才能录入服务方案。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Book.RecordPlanAsync(id, "增设引导岗一名", Manager(hall)))).Message);
        await Book.ReportAsync(id, Today, hall.Lead);
        Assert.Equal("只有运维经理可以录入公司制定的服务方案。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Book.RecordPlanAsync(id, "增设引导岗一名", hall.Lead))).Message);
        Assert.Equal("尚未制定服务方案，不能标记为已实施。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Book.ImplementAsync(id, Today, hall.Lead))).Message);
        await Book.RecordPlanAsync(id, "公司增派引导岗一名，每日 9:00-17:30", Manager(hall));
        await Book.ImplementAsync(id, Today, hall.Lead);
        Assert.Equal("该需求已办结，不能再更改。",
            (await Assert.ThrowsAsync<BureauTaskRuleException>(() => Book.DeclineAsync(id, "不需要了", hall.Lead))).Message);

        var (saved, hallName) = Assert.Single(await app.Get<BureauTaskQueries>().RequirementsAsync(hall.Lead, hall.Id));
        Assert.Equal(RequirementState.Implemented, saved.State);
        Assert.Equal(Today, saved.ReportedOn);
        Assert.Equal("公司增派引导岗一名，每日 9:00-17:30", saved.Plan);
        Assert.Contains(hall.Code, hallName);
        Assert.Equal(["登记新需求", "新需求上报公司", "新需求服务方案", "新需求已实施"], await AuditActionsAsync(id));
    }

    [Fact]
    public async Task Declining_needs_a_reason_bad_input_is_refused_and_another_hall_reads_as_not_found()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);

        Assert.Equal("请填写需求描述。", (await Assert.ThrowsAsync<ValidationFailedException>(() => Book.RegisterAsync(Draft(hall, " "), hall.Lead))).Message);
        Assert.Equal("提出日期不能晚于今天。", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Book.RegisterAsync(Draft(hall) with { RaisedOn = Today.AddDays(1) }, hall.Lead))).Message);
        Assert.Equal("只能处理本厅的数据。", (await Assert.ThrowsAsync<ForbiddenException>(() => Book.RegisterAsync(Draft(other), hall.Lead))).Message);
        Assert.Equal(Actor.NoRightMessage, (await Assert.ThrowsAsync<ForbiddenException>(() =>
            Book.RegisterAsync(Draft(hall), HallAppFactory.As(Roles.Display, "wall", "大屏", hall.Id)))).Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.NewRequirements.CountAsync(r => r.HallId == hall.Id || r.HallId == other.Id)));

        var bureau = new Actor("test:bureau", "市局运维科", null, other.Id) { Roles = new HashSet<string> { Roles.Bureau }, SupervisedHalls = new HashSet<int> { hall.Id } };
        var id = await Book.RegisterAsync(Draft(hall) with { Source = RequirementSource.OnSite, RaisedBy = "张工" }, bureau);
        Assert.Equal("请填写不采纳原因。", (await Assert.ThrowsAsync<ValidationFailedException>(() => Book.DeclineAsync(id, "", hall.Lead))).Message);
        await Assert.ThrowsAsync<NotFoundException>(() => Book.DeclineAsync(id, "别厅", Manager(other)));
        await Book.DeclineAsync(id, "与现有自助终端功能重复", Manager(hall));

        var (declined, _) = Assert.Single(await app.Get<BureauTaskQueries>().RequirementsAsync(bureau, hall.Id));
        Assert.Equal(RequirementState.Declined, declined.State);
        Assert.Equal("与现有自助终端功能重复", declined.DeclineReason);
        Assert.Empty(await app.Get<BureauTaskQueries>().RequirementsAsync(other.Lead, null));
        Assert.Equal(["登记新需求", "新需求不采纳"], await AuditActionsAsync(id));
    }

    private Task<List<string>> AuditActionsAsync(int id) => app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.EntityType == nameof(NewRequirement) && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
