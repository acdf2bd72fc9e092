using HallBoard.Domain;
using HallBoard.Features.Analysis;
using HallBoard.Features.Audit;
using HallBoard.Features.Escalations;
using HallBoard.Features.Feedback;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using HallBoard.Features.Tickets;

namespace HallBoard.Tests.Features.ServiceReports;

/// <summary>
/// The hand-counted data of the monthly report's later sections and of the half-year document check, written through
/// the domain's own rules into the real database (all times hall time):
/// <list type="bullet">
/// <item>Feedback received in March: 意见 O1 3 Mar never reported (late); 建议 S1 25 Mar and 咨询 Q1 28 Mar handled in
/// time to 已办结; 投诉 C1 5 Mar and C3 20 Mar handled in time to 已办结; 投诉 C2 12 Mar reported 14 Mar 10:00 (due 13 Mar
/// 10:00, late), handling 14 Mar 11:00 (due 14 Mar 10:00, late), replied 15 Mar (due 17 Mar, in time), never closed
/// (due 19 Mar, overdue). A complaint of 2 April is outside March.</item>
/// <item>Escalations raised in March: T2 to the hall lead answered in time; T3 and T4 to 市局运维科, T3 answered in time,
/// T4 answered late; T1 to the hall lead never answered, past its deadline.</item>
/// <item>Volumes: 2 and 3 March counter 60, 电子税务局 70, 手机APP 40, 自助办税终端 20, 智慧办税区 10 (网上办税率 70 %);
/// 27 February counter 50, 电子税务局 30, 手机APP 10, 自助办税终端 10 (50 %).</item>
/// <item>Knowledge: article A 发票开具失败处理 cited on T1, T2 and T4; article B 申报表填写指引 cited on T3 and drafted from
/// a problem T2 is linked to. So A 3 tickets, B 2, four tickets with an article, T5 without.</item>
/// <item>Workbook downloads (the audit trail's 下载文件, <see cref="Downloads"/>): January's monthly report on 5 Feb (due
/// 6 Feb, in time), February's on 10 Mar (due 6 Mar, late), March's only on 20 Mar, before March ended (so missing),
/// April's on 6 May (in time), May's never (missing); ops reports of 2 March on 3 Mar (in time) and of a 28 February
/// ticket on 20 Mar (late); none for April, which has T6 (missing).</item>
/// </list>
/// </summary>
public static class ReportSectionsData
{
    /// <summary>(file name after the hall's name, when downloaded).</summary>
    public static readonly (string File, DateTimeOffset At)[] Downloads =
    [
        ("服务月度报告_202601.xlsx", ReportsApp.At(2026, 2, 5, 10, 0)),
        ("服务月度报告_202602.xlsx", ReportsApp.At(2026, 3, 10, 10, 0)),
        ("服务月度报告_202604.xlsx", ReportsApp.At(2026, 5, 6, 10, 0)),
        ("运维报告_20260302-20260302.xlsx", ReportsApp.At(2026, 3, 3, 10, 0)),
        ("运维报告_GX-20260228-0001.xlsx", ReportsApp.At(2026, 3, 20, 10, 0)),
        // Before March ended: not yet the month's report.
        ("服务月度报告_202603.xlsx", ReportsApp.At(2026, 3, 20, 11, 0)),
    ];

    public static async Task SeedAsync(ReportsApp app, KnownReportData known)
    {
        var lead = await app.ActorAsync("lead");
        var hall = await app.DemoHallAsync();
        var due = new FeedbackOptions().Deadlines;
        DateTime At(int month, int day, int hour, int minute = 0) => ReportsApp.At(2026, month, day, hour, minute).UtcDateTime;

        TaxpayerFeedback Feedback(string number, FeedbackKind kind, DateTime received, params DateTime[] steps)
        {
            var f = TaxpayerFeedback.Receive(hall.Id, number, new FeedbackDraft { Kind = kind, Content = $"{number} 内容" }, null, due, lead, received);
            for (var i = 0; i < steps.Length; i++) f.Advance(i == 2 ? "已答复纳税人" : null, lead, steps[i]);
            return f;
        }

        await app.WithDbAsync(async db =>
        {
            db.Feedback.AddRange(
                Feedback("FK-O1", FeedbackKind.Opinion, At(3, 3, 10)),
                Feedback("FK-S1", FeedbackKind.Suggestion, At(3, 25, 10), At(3, 25, 11), At(3, 26, 10), At(3, 27, 10), At(3, 28, 10)),
                Feedback("FK-Q1", FeedbackKind.Consultation, At(3, 28, 10), At(3, 28, 11), At(3, 29, 10), At(3, 30, 10), At(4, 1, 10)),
                Feedback("FK-C1", FeedbackKind.Complaint, At(3, 5, 10), At(3, 5, 12), At(3, 6, 10), At(3, 8, 10), At(3, 10, 10)),
                Feedback("FK-C2", FeedbackKind.Complaint, At(3, 12, 10), At(3, 14, 10), At(3, 14, 11), At(3, 15, 10)),
                Feedback("FK-C3", FeedbackKind.Complaint, At(3, 20, 10), At(3, 20, 15), At(3, 21, 10), At(3, 22, 10), At(3, 24, 10)),
                Feedback("FK-C4", FeedbackKind.Complaint, At(4, 2, 10)));

            Escalation Raise(TicketRef t, EscalationTarget to, string? who, DateTime raised, DateTime dueAt, DateTime? answered)
            {
                var e = Escalation.Raise(hall.Id, t.Id, t.Number, to, who, "需要协调", dueAt, lead, raised);
                if (answered is { } a) e.AnswerWith("已协调", lead, a);
                return e;
            }
            db.Escalations.AddRange(
                Raise(known.T2, EscalationTarget.HallLead, null, At(3, 2, 10, 30), At(3, 2, 12, 30), At(3, 2, 11)),
                Raise(known.T3, EscalationTarget.OpsAuthority, "市局运维科", At(3, 3, 14, 30), At(3, 3, 16, 30), At(3, 3, 16)),
                Raise(known.T4, EscalationTarget.OpsAuthority, "市局运维科", At(3, 10, 9, 30), At(3, 10, 11, 30), At(3, 10, 15)),
                Raise(known.T1, EscalationTarget.HallLead, null, At(3, 2, 9, 10), At(3, 2, 9, 30), null));

            BusinessVolume Day(int month, int day, int counter, int web, int app, int self, int smart) => new()
            {
                HallId = hall.Id, Day = new DateOnly(2026, month, day), Counter = counter, ETaxWeb = web, MobileApp = app,
                SelfService = self, SmartArea = smart, UpdatedUtc = At(month, day, 18), UpdatedBy = "刘主任",
            };
            db.BusinessVolumes.AddRange(Day(3, 2, 40, 30, 20, 10, 0), Day(3, 3, 20, 40, 20, 10, 10), Day(2, 27, 50, 30, 10, 10, 0));

            foreach (var (file, at) in Downloads)
                db.Audit(lead, at.UtcDateTime, AuditTrail.Download, "Workbook", $"{hall.Name}_{file}", after: "/service-reports", hallId: hall.Id);
            return await db.SaveChangesAsync();
        });

        var (a, b) = await app.WithDbAsync(async db =>
        {
            var a = KnowledgeArticle.Draft(hall.Id, new ArticleContent { Question = "发票开具失败处理", Steps = ["重装驱动"], Category = Category.Invoice }, lead, At(3, 1, 9));
            var b = KnowledgeArticle.Draft(hall.Id, new ArticleContent { Question = "申报表填写指引", Steps = ["逐项填写"], Category = Category.Filing }, lead, At(3, 1, 9));
            db.KnowledgeArticles.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        await app.WithDbAsync(async db =>
        {
            KnowledgeUse Use(TicketRef t, int article) => new()
            {
                ArticleId = article, TicketId = t.Id, HallId = hall.Id, AtUtc = At(3, 10, 12), ActorId = lead.Id, ActorName = lead.Name,
            };
            db.KnowledgeUses.AddRange(Use(known.T1, a), Use(known.T2, a), Use(known.T4, a), Use(known.T3, b));
            var problem = Problem.Open(hall.Id, "申报表填写疑问集中", "多名纳税人不会填写申报表", Category.Filing, lead, At(3, 2, 12));
            problem.DraftedAs(b, At(3, 2, 12));
            db.Problems.Add(problem);
            await db.SaveChangesAsync();
            db.ProblemTickets.Add(new ProblemTicket { ProblemId = problem.Id, TicketId = known.T2.Id, LinkedUtc = At(3, 2, 12), LinkedBy = lead.Name });
            return await db.SaveChangesAsync();
        });
    }
}
