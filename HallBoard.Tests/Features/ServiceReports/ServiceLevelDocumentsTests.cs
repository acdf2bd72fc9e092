using System.Globalization;
using System.Security.Claims;
using Bunit;
using HallBoard.Features.ServiceReports.Pages;
using MudBlazor;
using MudBlazor.Services;
using ClosedXML.Excel;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Incidents;
using HallBoard.Features.Sla;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.ServiceReports.Records;
using HallBoard.Features.ServiceReports.Workbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>The half-year report's document-output check against the downloads, tickets and trainings of
/// <see cref="ReportSectionsData"/>, and corrective actions tracked and carried into the next half year.</summary>
public sealed class ServiceLevelDocumentsTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task The_document_check_marks_each_months_reports_on_time_late_missing_or_not_yet_due()
    {
        var known = await app.KnownAsync();

        var documents = (await app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2026, 1)).Documents!;

        Assert.Equal(
        [
            ("2026年1月", 1, 1, 0, 0, 0),
            ("2026年2月", 2, 0, 2, 0, 0),
            ("2026年3月", 3, 1, 1, 1, 0),
            ("2026年4月", 3, 1, 1, 1, 0),
            ("2026年5月", 1, 0, 0, 1, 0),
            ("2026年6月", 2, 0, 0, 0, 2),
        ], documents.Months.Select(m => (m.Title, m.Required, m.OnTime, m.Late, m.Missing, m.NotDue)));
        Assert.Equal((12, 3, 4, 3, 2), (documents.Total.Required, documents.Total.OnTime, documents.Total.Late, documents.Total.Missing, documents.Total.NotDue));
        string Verdict(string document, string subject) =>
            documents.Checks.Single(c => c.Document == document && c.Subject == subject).VerdictText;
        Assert.Equal("按时", Verdict(DocumentRules.MonthlyReport, "2026年1月"));
        Assert.Equal("逾期", Verdict(DocumentRules.MonthlyReport, "2026年2月"));
        // Downloaded on 20 March, before the month was over: not March's report.
        Assert.Equal("缺失", Verdict(DocumentRules.MonthlyReport, "2026年3月"));
        Assert.Equal("按时", Verdict(DocumentRules.OpsReport, "2026年3月"));
        Assert.Equal("逾期", Verdict(DocumentRules.TrainingDocument, "电子税务局新版申报培训"));
        Assert.Equal("未到期", Verdict(DocumentRules.ServiceLevelReport, "2026年上半年"));
        var february = documents.Checks.Single(c => c.Document == DocumentRules.MonthlyReport && c.Subject == "2026年2月");
        Assert.Equal(ReportsApp.At(2026, 3, 7, 0, 0).UtcDateTime, february.DueUtc);
        Assert.Equal(ReportsApp.At(2026, 3, 10, 10, 0).UtcDateTime, february.ProducedUtc);
    }

    [Fact]
    public async Task A_major_incidents_report_is_due_two_business_days_after_it_ended_and_not_before_it_ends()
    {
        var known = await app.KnownAsync();
        var time = app.Get<HallTime>();
        var clock = await app.Get<SlaCalendars>().ClockAsync(known.HallId);
        var half = ReportPeriod.HalfYear(2026, 1, time);
        DateTime At(int month, int day, int hour) => ReportsApp.At(2026, month, day, hour, 0).UtcDateTime;
        // Thursday 5 March ended: due by the end of Monday 9 March. Tuesday 10 March ended: due by Thursday 12 March.
        var facts = new DocumentFacts("GX", [], [
                new DownloadFact(At(3, 5, 9), IncidentWorkbook.FileName("GX", 1)),
                new DownloadFact(At(3, 9, 16), IncidentWorkbook.FileName("GX", 1)),
                new DownloadFact(At(3, 13, 9), IncidentWorkbook.FileName("GX", 2)),
                new DownloadFact(At(3, 11, 9), IncidentWorkbook.FileName("QT", 2)),
            ],
            [
                new IncidentFact(1, "电子税务局无法登录", At(3, 5, 8), At(3, 5, 12)),
                new IncidentFact(2, "自助终端全部离线", At(3, 10, 8), At(3, 10, 12)),
                new IncidentFact(3, "叫号系统故障", At(6, 29, 8), null),
                new IncidentFact(4, "发票打印机故障", At(4, 1, 8), At(4, 1, 10)),
            ], [], null);

        var checks = DocumentRules.Check(half, facts, clock, time, ReportsApp.ReportTime.UtcDateTime).Checks
            .Where(c => c.Document == DocumentRules.IncidentReport).ToDictionary(c => c.Subject);

        // The download during the incident does not count; the one after it, before the deadline, does.
        Assert.Equal(("按时", At(3, 9, 16)), (checks["电子税务局无法登录"].VerdictText, checks["电子税务局无法登录"].ProducedUtc));
        Assert.Equal(ReportsApp.At(2026, 3, 10, 0, 0).UtcDateTime, checks["电子税务局无法登录"].DueUtc);
        // Another hall's file of the same number is not this incident's report.
        Assert.Equal("逾期", checks["自助终端全部离线"].VerdictText);
        Assert.Equal(("未到期", null), (checks["叫号系统故障"].VerdictText, checks["叫号系统故障"].DueUtc));
        Assert.Equal("缺失", checks["发票打印机故障"].VerdictText);
    }

    [Fact]
    public async Task The_printable_page_shows_the_document_check_per_month_and_each_document()
    {
        var known = await app.KnownAsync();
        var view = await app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2026, 1);
        await using var ui = new Bunit.BunitContext();
        ui.Services.AddSingleton(app.Get<HallTime>());

        var page = ui.Render<HallBoard.Features.ServiceReports.Pages.ServiceLevelView>(p => p.Add(v => v.Report, view));

        string[] Cells(string table, Func<string[], bool> which) => page.FindAll($"#{table} tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).Single(which);
        Assert.Equal(["2026年3月", "3", "1", "1", "1", "0"], Cells("sl-documents-months", c => c[0] == "2026年3月"));
        Assert.Equal(["合计", "12", "3", "4", "3", "2"], Cells("sl-documents-months", c => c[0] == "合计"));
        Assert.Equal(["2026年2月", "服务月度报告", "2026年2月", "2026-03-07 00:00", "2026-03-10 10:00", "逾期"],
            Cells("sl-documents", c => c[1] == "服务月度报告" && c[2] == "2026年2月"));
        Assert.Equal("缺失", Cells("sl-documents", c => c[1] == "服务月度报告" && c[2] == "2026年5月")[5]);
    }

    [Fact(Timeout = 600_000)]
    public async Task A_manager_moves_an_action_on_the_page_and_the_report_shows_its_new_state()
    {
        var known = await app.KnownAsync();
        await app.Get<ServiceLevelReports>().AddActionAsync(known.HallId, 2026, 1,
            new CorrectiveInput("response", "取号区增设引导岗", (await app.EngineerActorAsync(3)).EngineerId, new DateOnly(2026, 9, 30)),
            await app.ActorAsync("manager"));
        var id = await app.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Text == "取号区增设引导岗").Select(a => a.Id).SingleAsync());
        await using var ui = new BunitContext();
        ui.JSInterop.Mode = JSRuntimeMode.Loose;
        ui.Services.AddMudServices();
        ui.Services.AddSingleton(app.Get<HallTime>());
        ui.Services.AddSingleton(app.Get<ReportHalls>());
        ui.Services.AddSingleton(app.Get<ServiceLevelReports>());
        ui.AddAuthorization().SetAuthorized("manager").SetRoles(Roles.Manager).SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "manager-id"),
            new Claim(HallClaims.DisplayName, "孙经理"),
            new Claim(HallClaims.HallId, known.HallId.ToString(CultureInfo.InvariantCulture)));
        ui.Render<MudPopoverProvider>();
        var page = ui.Render<ServiceLevelPage>();
        page.WaitForState(() => page.FindAll($"[data-action='{id}']").Count == 1, TimeSpan.FromSeconds(30));
        string Row() => page.FindAll("#sl-actions tbody tr").Single(r => r.TextContent.Contains("取号区增设引导岗")).TextContent;
        Assert.Contains("未开始", Row());

        // One state select per action row, in the rows' order.
        var index = page.FindAll("[data-action]").Select(e => e.GetAttribute("data-action")).ToList().IndexOf(id.ToString(CultureInfo.InvariantCulture));
        var select = page.FindComponents<MudSelect<ImprovementStatus>>()[index];
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(ImprovementStatus.InProgress));
        page.Find($"[data-action='{id}'] .ca-save").Click();

        page.WaitForState(() => Row().Contains("进行中"), TimeSpan.FromSeconds(30));
        Assert.Equal(ImprovementStatus.InProgress, await app.WithDbAsync(db => db.CorrectiveActions.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_workbook_lists_the_document_check_per_month()
    {
        var known = await app.KnownAsync();
        var view = await app.Get<ServiceLevelReports>().ViewAsync(known.HallId, 2026, 1);

        using var book = new XLWorkbook(new MemoryStream(app.Get<ServiceLevelWorkbook>().Build(view)));

        var sheet = book.Worksheet("文档输出");
        int[] Row(string label) => [.. Enumerable.Range(2, 5).Select(c => (int)sheet.RowsUsed().First(r => r.Cell(1).GetString() == label).Cell(c).GetDouble())];
        Assert.Equal([3, 1, 1, 1, 0], Row("2026年3月"));
        Assert.Equal([12, 3, 4, 3, 2], Row("合计"));
        var february = sheet.RowsUsed().First(r => r.Cell(2).GetString() == DocumentRules.MonthlyReport && r.Cell(3).GetString() == "2026年2月");
        Assert.Equal(("逾期", new DateTime(2026, 3, 10, 10, 0, 0)), (february.Cell(6).GetString(), february.Cell(5).GetDateTime()));
    }

    [Fact]
    public async Task An_action_open_at_the_end_of_the_half_year_is_carried_into_the_next_once_and_tracked_to_done()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");
        var wang = (await app.EngineerActorAsync(2)).EngineerId;
        var reports = app.Get<ServiceLevelReports>();
        await reports.AddActionAsync(known.HallId, 2026, 1, new CorrectiveInput("resolve", "发票故障备用设备", wang, new DateOnly(2026, 7, 1)), manager);

        var second = await reports.ViewAsync(known.HallId, 2026, 2);
        var carried = second.Actions.Single(a => a.Text == "发票故障备用设备");
        Assert.Equal(("2026年上半年", "王芳", "未开始", "已逾期"), (carried.CarriedFrom, carried.Owner, carried.StatusText, carried.OverdueText));
        Assert.DoesNotContain(second.Own, a => a.Id == carried.Id);

        await reports.SetActionStateAsync(known.HallId, carried.Id, ImprovementStatus.Done, new DateOnly(2026, 7, 2), manager);
        var done = Assert.Single((await reports.ViewAsync(known.HallId, 2026, 2)).Carried, a => a.Id == carried.Id);
        var first = (await reports.ViewAsync(known.HallId, 2026, 1)).Own.Single(a => a.Id == carried.Id);

        Assert.Equal((carried.Id, "已完成", new DateOnly(2026, 7, 2), "逾期完成"), (done.Id, done.StatusText, done.CompletedOn, done.OverdueText));
        Assert.Null(first.CarriedFrom);
        Assert.Equal(1, await app.WithDbAsync(db => db.CorrectiveActions.CountAsync(a => a.Text == "发票故障备用设备")));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "更新整改措施" && a.EntityId == carried.Id.ToString())));
        using var book = new XLWorkbook(new MemoryStream(app.Get<ServiceLevelWorkbook>().Build(await reports.ViewAsync(known.HallId, 2026, 2))));
        var row = book.Worksheet("整改措施").RowsUsed().First(r => r.Cell(3).GetString() == "发票故障备用设备");
        Assert.Equal(("2026年上半年", "王芳", "已完成", "逾期完成"), (row.Cell(1).GetString(), row.Cell(4).GetString(), row.Cell(6).GetString(), row.Cell(8).GetString()));
    }

    [Fact]
    public async Task Only_managers_leads_and_admins_of_the_hall_move_an_action_and_another_halls_action_is_not_found()
    {
        var known = await app.KnownAsync();
        var manager = await app.ActorAsync("manager");
        var reports = app.Get<ServiceLevelReports>();
        await reports.AddActionAsync(known.HallId, 2025, 2, new CorrectiveInput("response", "增派人员", (await app.EngineerActorAsync(1)).EngineerId,
            new DateOnly(2026, 9, 30)), manager);
        var action = await app.WithDbAsync(db => db.CorrectiveActions.SingleAsync(a => a.Text == "增派人员"));
        var otherHall = await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = "QT", Name = "其他办税服务厅" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            return hall.Id;
        });

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            reports.SetActionStateAsync(known.HallId, action.Id, ImprovementStatus.InProgress, null, HallAppFactory.As(Roles.Engineer, "test-id", "测试人员", known.HallId)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            reports.SetActionStateAsync(known.HallId, action.Id, ImprovementStatus.InProgress, null, HallAppFactory.As(Roles.Manager, "test-id", "测试人员", otherHall)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            reports.SetActionStateAsync(otherHall, action.Id, ImprovementStatus.InProgress, null, HallAppFactory.As(Roles.Admin, "test-id", "测试人员", null)));
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            reports.SetActionStateAsync(known.HallId, action.Id, ImprovementStatus.Done, new DateOnly(2026, 7, 3), manager));
        await reports.SetActionStateAsync(known.HallId, action.Id, ImprovementStatus.InProgress, null, HallAppFactory.As(Roles.HallLead, "test-id", "测试人员", known.HallId));

        Assert.Equal("完成日期 2026-07-03 晚于今天，请重新选择。", future.Message);
        Assert.Equal(ImprovementStatus.InProgress, (await app.WithDbAsync(db => db.CorrectiveActions.SingleAsync(a => a.Id == action.Id))).Status);
    }
}
