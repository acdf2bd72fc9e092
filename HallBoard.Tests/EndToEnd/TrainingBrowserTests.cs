using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Features.ServiceReports;
using HallBoard.Features.Training;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>A training from plan to summary in Chromium: the lead plans it, three attendees sign in on a tablet, the
/// survey is taken on a phone through its link, the lead concludes, and all five documents download as valid workbooks.</summary>
[Trait("Provider", "Postgres")] // browser tests run once: this one in the PostgreSQL pass, which has less to do
public sealed class TrainingBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task A_lead_plans_a_training_three_attendees_sign_in_on_a_tablet_the_survey_is_taken_on_a_phone_and_five_workbooks_download()
    {
        var today = hall.App.Get<HallTime>().Today;
        var hallId = (await hall.App.DemoHallAsync()).Id;
        var names = await hall.App.WithDbAsync(db => db.Engineers.Where(e => e.HallId == hallId).OrderBy(e => e.Id).Select(e => e.Name).Take(4).ToListAsync());

        // The lead plans the session for this afternoon with three engineers.
        var lead = await hall.SignedInPageAsync("lead", at: "/training");
        await lead.FillAsync("#plan-date", today.ToString("yyyy-MM-dd"));
        await lead.FillAsync("#plan-start", "14:00");
        await lead.FillAsync("#plan-end", "16:00");
        await lead.FillAsync("#plan-place", "三楼培训室");
        await lead.FillAsync("#plan-trainer", "李讲师");
        await lead.FillAsync("#plan-topic", "新版电子税务局常见问题处置");
        await lead.FillAsync("#plan-outline", "一、登录与身份认证\n二、申报报错排查");
        foreach (var name in names.Take(3)) await lead.GetByLabel(name, new() { Exact = true }).CheckAsync();
        await lead.ClickAsync("#plan-add");
        var planAddress = await BrowserHall.WaitForAddressAsync(lead, @"/training/\d+$");
        var id = int.Parse(planAddress.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await lead.Locator("#training-status", new() { HasText = "计划" }).WaitForAsync();

        // On the day, the three sign in on the hall's tablet; the fourth engineer is not on the sheet.
        var tablet = await hall.SignedInPageAsync("eng4", 1024, 768, at: TrainingEndpoints.SignInPath(id));
        for (var i = 0; i < 3; i++)
        {
            var row = tablet.Locator($".hb-signin-list li[data-name='{names[i]}']");
            await row.GetByRole(AriaRole.Button, new() { Name = "签到" }).ClickAsync();
            await row.GetByText("已签到").WaitForAsync();
        }
        Assert.Equal("3", await tablet.InnerTextAsync("#signed-count"));
        Assert.Equal(3, await tablet.Locator(".hb-signin-list li").CountAsync());

        // An attendee takes the survey on a phone through the session's link.
        var token = await hall.App.WithDbAsync(db => db.Trainings.Where(t => t.Id == id).Select(t => t.SurveyToken!).SingleAsync());
        var phone = await hall.NewPageAsync(390, 844);
        await phone.GotoAsync(TrainingEndpoints.SurveyPath(token));
        await phone.GetByText("本调查匿名").WaitForAsync();
        var questions = phone.Locator("fieldset.hb-survey-q");
        var scores = new[] { 5, 4, 5, 4, 5 };
        for (var i = 0; i < scores.Length; i++)
            await questions.Nth(i).Locator("label", new() { HasText = scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture) }).ClickAsync();
        await questions.Nth(5).Locator("textarea").FillAsync("学会了排查申报报错");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await phone.GetByText("已收到您的调查表").WaitForAsync();

        // The lead marks it held and writes the conclusion; the summary shows the figures.
        await BrowserHall.GoAsync(lead, TrainingEndpoints.DetailPath(id));
        Assert.Equal("1", await lead.InnerTextAsync("#survey-count"));
        await lead.ClickAsync("#training-held");
        await lead.Locator("#training-status", new() { HasText = "已举行" }).WaitForAsync();
        await lead.FillAsync("#training-conclusion", "培训目标达成，参训人员掌握了常见报错的处置。");
        await lead.ClickAsync("#conclusion-save");
        await lead.Locator("#conclusion-by", new() { HasText = "赵主任" }).WaitForAsync();

        await lead.GotoAsync(TrainingEndpoints.DocumentPath(id, TrainingDocumentKind.Summary));
        var report = lead.Locator("#training-document");
        await report.GetByText("培训目标达成").WaitForAsync();
        Assert.Equal("100.0%", await report.Locator("tr", new() { HasText = "出勤率" }).Locator("td").InnerTextAsync());
        Assert.Equal("学会了排查申报报错", await report.Locator("tr", new() { HasText = "您最大的收获是什么？" }).Locator("td").Nth(1).InnerTextAsync());

        // All five documents download from the lead's browser session and pass the Open XML validator.
        foreach (var kind in TrainingDocuments.All)
        {
            var response = await lead.Context.APIRequest.GetAsync(TrainingEndpoints.WorkbookPath(id, kind));
            Assert.Equal(200, response.Status);
            Assert.Equal(TrainingWorkbook.ContentType, response.Headers["content-type"]);
            var bytes = await response.BodyAsync();
            using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            {
                var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
                Assert.True(errors.Count == 0, $"{kind}: " + string.Join("\n", errors));
            }
            using var book = new XLWorkbook(new MemoryStream(bytes));
            var text = book.Worksheet(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal($"《{TrainingDocuments.Title(kind)}》", text[0]);
            Assert.Contains("新版电子税务局常见问题处置", text);
            if (kind == TrainingDocumentKind.SignIn) Assert.All(names.Take(3), n => Assert.Contains(n, text));
            if (kind == TrainingDocumentKind.Summary) Assert.Contains("100.0%", text);
        }
        Assert.Equal(5, await hall.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == HallBoard.Features.Audit.AuditTrail.Download && a.EntityId!.Contains("-PX-"))));

        var held = Assert.Single(await hall.App.Get<TeamRecords>().TrainingsAsync(hallId, today, today), t => t.Id == id);
        Assert.Equal(3, held.AttendeeCount);
    }
}
