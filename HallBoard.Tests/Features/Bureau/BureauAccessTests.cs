using System.Net;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Account;
using HallBoard.Features.Admin;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Escalations;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Features.Admin;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Bureau;

/// <summary>
/// The bureau's account (税务局运维主管部门): its supervised halls come only through a grant a second admin approves; it
/// reads the reports and registers of exactly those halls, answers the escalations addressed to the bureau, and works no
/// tickets. Signed in through the real claims factory and login form.
/// </summary>
public sealed class BureauAccessTests(AdminAppFactory app) : IClassFixture<AdminAppFactory>
{
    private const string Password = "Bureau-Test-2026";

    private PermissionGrants Grants => app.Get<PermissionGrants>();

    /// <summary>A new Bureau account at home in the demo hall, supervising a new hall; a third hall it does not see.</summary>
    private async Task<(string UserName, int Home, int Supervised, int Other)> BureauAsync(string userName, string code)
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var halls = app.Get<HallAdmin>();
        var supervised = await halls.CreateAsync(code + "S", code + " 受监管办税服务厅", admin1);
        var other = await halls.CreateAsync(code + "O", code + " 其他办税服务厅", admin1);
        var home = (await app.DemoHallAsync()).Id;
        var userId = await app.Get<AccountAdmin>().CreateAsync(userName, "局运维科", Password, null, admin1);
        var grant = await Grants.RequestForAccountAsync(userId, Roles.Bureau, home, "局方运维主管部门账号", admin1, default, [supervised]);
        await Grants.ApproveAsync(grant, admin2);
        return (userName, home, supervised, other);
    }

    /// <summary>The actor the sign-in cookie of this account carries (claims from <see cref="HallClaimsFactory"/>).</summary>
    private async Task<Actor> SignedInAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HallUser>>();
        var claims = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<HallUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        return (await claims.CreateAsync(user)).ToActor();
    }

    private async Task<HttpClient> BrowserAsync(string userName, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task Supervised_halls_change_only_when_a_second_admin_approves_and_the_next_sign_in_carries_them()
    {
        var (admin1, admin2) = (await app.AdminAsync(), await app.AdminAsync(AdminAppFactory.SecondAdmin));
        var (userName, home, first, _) = await BureauAsync("bureau-grant", "BG");
        var second = await app.Get<HallAdmin>().CreateAsync("BG2", "BG2 办税服务厅", admin1);
        var before = await SignedInAsync(userName);
        Assert.Equal(new[] { first }, before.SupervisedHalls.Order());
        var user = await app.UserAsync(userName);

        var id = await Grants.RequestForAccountAsync(user.Id, null, null, "增加监管 BG2", admin1, default, [first, second, home]);
        var self = await Assert.ThrowsAsync<GrantRuleException>(() => Grants.ApproveAsync(id, admin1));
        Assert.Equal("不能审批自己提出的授权申请，须由另一位管理员审批。", self.Message);
        Assert.False((await SignedInAsync(userName)).CanSee(second));
        Assert.Equal(user.SecurityStamp, (await app.UserAsync(userName)).SecurityStamp);

        await Grants.ApproveAsync(id, admin2);

        var after = await SignedInAsync(userName);
        Assert.Equal(new[] { first, second }, after.SupervisedHalls.Order());
        Assert.True(after.CanSee(home) && after.CanSee(second));
        Assert.NotEqual(user.SecurityStamp, (await app.UserAsync(userName)).SecurityStamp);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "批准授权" && a.EntityId == id.ToString()));
        Assert.Contains("监管服务厅 BGS、BG2", audit.After);

        // Only a Bureau account supervises halls.
        var engineerId = await app.Get<AccountAdmin>().CreateAsync("bureau-grant-eng", "工程师", Password, null, admin1);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Grants.RequestForAccountAsync(engineerId, Roles.Engineer, home, "想看别的厅", admin1, default, [second]));
        Assert.Equal("只有“税务局运维主管部门”角色的账号可以监管其他服务厅。", refused.Errors["supervisedHalls"].Single());
    }

    [Fact]
    public async Task A_bureau_account_reads_the_reports_of_its_own_and_supervised_halls_only()
    {
        var (userName, home, supervised, other) = await BureauAsync("bureau-reader", "BR");
        var bureau = await SignedInAsync(userName);
        var halls = app.Get<ReportHalls>();

        Assert.Equal(new[] { home, supervised }, (await halls.ChoicesAsync(bureau)).Select(h => h.Id).Order());
        Assert.Equal(supervised, await halls.ForAsync(bureau, supervised));
        Assert.Equal(home, await halls.ForAsync(bureau, null));
        await Assert.ThrowsAsync<NotFoundException>(() => halls.ForAsync(bureau, other));
        var dashboard = app.Get<DashboardQueries>();
        Assert.Equal(new[] { home, supervised }, (await dashboard.HallsAsync(bureau)).Select(h => h.Id).Order());
        var period = DashboardPeriod.Current(PeriodKind.Day, app.Get<HallBoard.Hosting.HallTime>().Today);
        await dashboard.FiguresAsync(bureau, supervised, period);
        await Assert.ThrowsAsync<NotFoundException>(() => dashboard.FiguresAsync(bureau, other, period));

        var browser = await BrowserAsync(userName, Password);
        var own = await browser.GetAsync(ServiceReportsEndpoints.MonthlyUrl(2026, 3, supervised));
        var foreign = await browser.GetAsync(ServiceReportsEndpoints.MonthlyUrl(2026, 3, other));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("BR 受监管办税服务厅_服务月度报告_202603.xlsx", own.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == "下载文件" && a.ActorName == "局运维科" && a.HallId == supervised)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorName == "局运维科" && a.HallId == other)));
    }

    [Fact]
    public async Task A_bureau_account_answers_an_escalation_addressed_to_the_bureau_and_its_name_is_on_the_timeline()
    {
        var (userName, home, _, _) = await BureauAsync("bureau-answer", "BA");
        var bureau = await SignedInAsync(userName);
        var engineer = await app.EngineerActorAsync(1);
        var tickets = app.Get<TicketCommands>();
        var escalations = app.Get<EscalationCommands>();
        var now = app.Get<HallBoard.Hosting.HallTime>().UtcNow;
        var toBureau = await tickets.IntakeAsync(home, Draft("电子税务局申报反复失败"), engineer, takeNow: true);
        var toLead = await tickets.IntakeAsync(home, Draft("发票打印失败"), engineer, takeNow: true);
        await escalations.RaiseAsync(toBureau.Id, null, new(EscalationTarget.OpsAuthority, "运维科", "需局方核查后台", now.AddHours(4)), engineer);
        await escalations.RaiseAsync(toLead.Id, null, new(EscalationTarget.HallLead, null, "需负责人协调", now.AddHours(4)), engineer);

        var open = await app.Get<EscalationQueries>().OpenForAsync(bureau);
        var mine = Assert.Single(open, r => r.Escalation.TicketNumber == toBureau.Number);
        Assert.DoesNotContain(open, r => r.Escalation.TicketNumber == toLead.Number);
        var leadsOwn = (await app.Get<EscalationQueries>().OpenForAsync(await app.ActorAsync("lead"))).Single(r => r.Escalation.TicketNumber == toLead.Number);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => escalations.AnswerAsync(leadsOwn.Escalation.Id, "不归局方", bureau));
        Assert.Equal("局方账号只能答复升级至主管税务机关运维部门的升级。", refused.Message);

        await escalations.AnswerAsync(mine.Escalation.Id, "已核查，后台已恢复，请纳税人重新申报", bureau);

        var detail = await app.Get<TicketQueries>().GetAsync(await app.ActorAsync("lead"), toBureau.Id);
        var answered = Assert.Single(detail!.Timeline, e => e.Kind == TicketEventKind.EscalationAnswered);
        Assert.Equal("局运维科", answered.ActorName);
        Assert.Contains("已核查，后台已恢复", answered.Note);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == "升级答复" && a.EntityType == nameof(Escalation) && a.EntityId == toBureau.Number && a.ActorName == "局运维科" && a.HallId == home)));
        Assert.DoesNotContain(await app.Get<EscalationQueries>().OpenForAsync(bureau), r => r.Escalation.TicketNumber == toBureau.Number);
    }

    [Fact]
    public async Task A_bureau_account_cannot_take_intake_or_resolve_a_ticket_and_the_intake_page_turns_it_away()
    {
        var (userName, home, _, _) = await BureauAsync("bureau-hands-off", "BH");
        var bureau = await SignedInAsync(userName);
        var tickets = app.Get<TicketCommands>();
        var ticket = await tickets.IntakeAsync(home, Draft("自助终端卡纸"), await app.EngineerActorAsync(2), takeNow: true);
        var countBefore = await app.WithDbAsync(db => db.Tickets.CountAsync());

        await Assert.ThrowsAsync<ForbiddenException>(() => tickets.IntakeAsync(home, Draft("局方代录"), bureau, takeNow: false));
        await Assert.ThrowsAsync<ForbiddenException>(() => tickets.ResolveAsync(ticket.Id, null, "局方直接办结", bureau));

        Assert.Equal(countBefore, await app.WithDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(TicketStatus.InProgress, (await app.WithDbAsync(db => db.Tickets.SingleAsync(t => t.Id == ticket.Id))).Status);
        var browser = await BrowserAsync(userName, Password);
        var intake = await browser.GetAsync("/intake");
        Assert.Equal(HttpStatusCode.Redirect, intake.StatusCode);
        Assert.StartsWith("/denied", intake.Headers.Location?.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task A_bureau_account_answers_a_difficult_problem_of_its_hall_in_its_own_name_but_does_not_work_it()
    {
        var (userName, home, _, other) = await BureauAsync("bureau-problem", "BP");
        var bureau = await SignedInAsync(userName);
        var problems = app.Get<HallBoard.Features.Problems.ProblemCommands>();
        var lead = await app.ActorAsync("lead");
        var problem = await problems.OpenAsync(home, "电子税务局附件上传超时", "多名纳税人上传附件超过 5 MB 时超时", Category.Filing, lead);
        var elsewhere = await problems.OpenAsync(other, "别厅的问题", "别厅纳税人反映的问题", Category.Filing, HallAppFactory.Admin);

        // The "who" field is the bureau's own name, whatever is typed.
        await problems.DiscussAsync(problem.Id, "某某", "后台限制已调整为 20 MB，请通知纳税人重试", bureau);

        var detail = await app.Get<HallBoard.Features.Problems.ProblemQueries>().GetAsync(problem.Id, home);
        var note = Assert.Single(detail!.Notes);
        Assert.Equal(("局运维科", "局运维科"), (note.Who, note.ActorName));
        Assert.Contains("20 MB", note.Text);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == "税务局答复疑难问题" && a.EntityId == problem.Id.ToString() && a.ActorName == "局运维科")));
        await Assert.ThrowsAsync<ForbiddenException>(() => problems.StartAnalysisAsync(problem.Id, null, bureau));
        await Assert.ThrowsAsync<NotFoundException>(() => problems.DiscussAsync(elsewhere.Id, "局", "越权答复", bureau));
    }

    [Fact]
    public async Task The_bureau_consents_to_or_refuses_a_transfer_itself_and_only_a_consent_records_it()
    {
        var (userName, home, _, _) = await BureauAsync("bureau-transfer", "BT");
        var bureau = await SignedInAsync(userName);
        var manager = await app.ActorAsync("manager");
        var transfers = app.Get<HallBoard.Features.Staffing.TransferConsents>();
        var (eng3, eng4) = ((await app.EngineerActorAsync(3)).EngineerId!.Value, (await app.EngineerActorAsync(4)).EngineerId!.Value);
        var toBeConsented = await transfers.RequestAsync(home, eng3, "五象办税服务厅", "支援开业", manager);
        var toBeRefused = await transfers.RequestAsync(home, eng4, "总部", null, manager);

        var lead = await app.ActorAsync("lead");
        await Assert.ThrowsAsync<ForbiddenException>(() => transfers.DecideAsync(toBeConsented, true, null, lead));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => transfers.DecideAsync(toBeRefused, false, " ", bureau));
        Assert.Equal("不同意调动时请写明理由。", noReason.Errors["note"].Single());

        await transfers.DecideAsync(toBeConsented, true, null, bureau);
        await transfers.DecideAsync(toBeRefused, false, "本厅申报期人手不足", bureau);

        var records = await app.WithDbAsync(db => db.TransferRecords.AsNoTracking().Where(t => t.EngineerId == eng3 || t.EngineerId == eng4).ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal((eng3, "五象办税服务厅", "局运维科"), (record.EngineerId, record.Destination, record.ConsentByName));
        var rows = await transfers.ListAsync(home, manager);
        Assert.Equal("局方不同意", Labels.Of(rows.Single(r => r.Id == toBeRefused).Decision));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "局方同意调动" && a.ActorName == "局运维科")));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "局方不同意调动" && a.After!.Contains("人手不足"))));
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => transfers.DecideAsync(toBeConsented, false, "改主意", bureau));
        Assert.Equal("该调动申请已答复。", twice.Errors["decision"].Single());
    }

    private static TicketDraft Draft(string description) => new()
    {
        TaxpayerName = "王五", TaxpayerPhone = "13800138000", Channel = Channel.ETaxWeb, Category = Category.Filing,
        Kind = TicketKind.Fault, Description = description,
    };
}
