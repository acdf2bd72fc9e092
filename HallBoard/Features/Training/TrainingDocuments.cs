using HallBoard.Domain;
using System.Globalization;
using HallBoard.Features.Attachments;
using HallBoard.Features.Incidents;
using HallBoard.Hosting;

namespace HallBoard.Features.Training;

public enum TrainingDocumentKind { Plan, SignIn, Handbook, Survey, Summary }

/// <summary>One of the five training documents as titled sections; the printable page and the workbook both render
/// these, so they always say the same.</summary>
public sealed record TrainingDocument(TrainingDocumentKind Kind, string Title, string Number, string HallName, IReadOnlyList<ReportSection> Sections);

public static class TrainingDocuments
{
    public static readonly IReadOnlyList<TrainingDocumentKind> All = Enum.GetValues<TrainingDocumentKind>();

    public static string Title(TrainingDocumentKind kind) => kind switch
    {
        TrainingDocumentKind.Plan => "培训计划",
        TrainingDocumentKind.SignIn => "培训签到表",
        TrainingDocumentKind.Handbook => "培训手册",
        TrainingDocumentKind.Survey => "培训效果调查表",
        _ => "培训总结报告",
    };

    /// <summary>The URL segment of a document: plan, sign-in, handbook, survey, summary.</summary>
    public static string Slug(TrainingDocumentKind kind) => kind == TrainingDocumentKind.SignIn ? "sign-in" : kind.ToString().ToLowerInvariant();

    public static TrainingDocumentKind? Parse(string? slug) => All.Cast<TrainingDocumentKind?>().FirstOrDefault(k => Slug(k!.Value) == slug);

    public static string NumberOf(TrainingDetail d) => $"{d.HallCode}-PX-{d.Session.Id.ToString("0000", CultureInfo.InvariantCulture)}";

    /// <summary>One document; <paramref name="link"/> turns an app path (a material's download) into the address to print.</summary>
    public static TrainingDocument Build(TrainingDocumentKind kind, TrainingDetail d, TrainingSummary summary,
        IReadOnlyList<AttachmentRow> materials, Func<string, string> link, HallTime time) =>
        new(kind, Title(kind), NumberOf(d), d.HallName, kind switch
        {
            TrainingDocumentKind.Plan => Plan(d),
            TrainingDocumentKind.SignIn => SignIn(d, time),
            TrainingDocumentKind.Handbook => Handbook(d, materials, link, time),
            TrainingDocumentKind.Survey => Survey(d),
            _ => Summary(d, summary, time),
        });

    private static ReportSection Basics(TrainingDetail d, string title = "一、培训安排")
    {
        var s = d.Session;
        return new(title,
        [
            new("培训编号", NumberOf(d)),
            new("培训主题", s.Topic),
            new("培训时间", TrainingText.Time(s)),
            new("培训地点", s.Place ?? "—"),
            new("培训对象", s.Audience ?? "—"),
            new("培训讲师", s.Trainer),
            new("状态", Labels.Of(s.Status)),
        ]);
    }

    private static IReadOnlyList<ReportSection> Plan(TrainingDetail d) =>
    [
        Basics(d),
        new("二、培训内容", [new("培训大纲", d.Session.Outline ?? "—")]),
        new("三、计划参训人员", [],
            new(["序号", "姓名", "类别"], d.Session.People.Where(p => p.Planned)
                .Select((p, i) => (IReadOnlyList<string>)[N(i + 1), p.Name, p.EngineerId is null ? "其他人员" : "驻场工程师"]).ToList(), "未指定计划参训人员")),
    ];

    private static IReadOnlyList<ReportSection> SignIn(TrainingDetail d, HallTime time) =>
    [
        Basics(d),
        new("二、签到", [],
            new(["序号", "姓名", "计划/临时", "签到时间", "本人签字"], d.Session.People
                .Select((p, i) => (IReadOnlyList<string>)[N(i + 1), p.Name, p.Planned ? "计划" : "临时增加",
                    p.SignedInUtc is { } at ? time.Format(at, "HH:mm") : "", ""])
                .Concat(Enumerable.Range(d.Session.People.Count + 1, 5).Select(i => (IReadOnlyList<string>)[N(i), "", "", "", ""])).ToList(), "")),
    ];

    private static IReadOnlyList<ReportSection> Handbook(TrainingDetail d, IReadOnlyList<AttachmentRow> materials, Func<string, string> link, HallTime time) =>
    [
        Basics(d, "一、培训概况"),
        new("二、培训主题与大纲", [new("培训主题", d.Session.Topic), new("培训大纲", d.Session.Outline ?? "—")]),
        new("三、培训资料", [],
            new(["资料名称", "类型", "大小", "SHA-256", "上传人", "上传时间", "下载链接"], materials
                .Select(m => (IReadOnlyList<string>)[m.FileName, m.ContentType, Size(m.Size), m.Sha256, m.UploadedByName,
                    time.Format(m.UploadedUtc), link(AttachmentsEndpoints.DownloadPath(m.Id))]).ToList(), "尚未上传培训资料")),
    ];

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };

    private static IReadOnlyList<ReportSection> Survey(TrainingDetail d)
    {
        var q = d.Questions;
        return
        [
            new("一、培训信息", [new("培训主题", d.Session.Topic), new("培训时间", TrainingText.Time(d.Session)), new("培训讲师", d.Session.Trainer)]),
            new("二、评分（5 分最高，请在相应分数处打 √）", [],
                new(["序号", "问题", "1", "2", "3", "4", "5"], q.Select((x, i) => (i, x)).Where(x => x.x.Kind == QuestionKind.Rating)
                    .Select(x => (IReadOnlyList<string>)[N(x.i + 1), x.x.Text, "□", "□", "□", "□", "□"]).ToList(), "无评分题")),
            new("三、意见与建议", q.Select((x, i) => (i, x)).Where(x => x.x.Kind == QuestionKind.Text)
                .Select(x => new ReportField($"{N(x.i + 1)}. {x.x.Text}", "\n\n")).ToList()),
        ];
    }

    private static IReadOnlyList<ReportSection> Summary(TrainingDetail d, TrainingSummary s, HallTime time) =>
    [
        Basics(d, "一、培训概况"),
        new("二、出勤情况",
        [
            new("计划参训人数", N(s.Planned)),
            new("计划人员签到人数", N(s.PlannedSignedIn)),
            new("临时增加人数", N(s.Extra)),
            new("实际签到人数", N(s.SignedIn)),
            new("出勤率", s.AttendanceRate is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "—"),
        ]),
        new("三、效果调查", [new("回收调查表", $"{N(s.Responses)} 份")],
            new(["问题", "作答数", "平均分", "1 分", "2 分", "3 分", "4 分", "5 分"], s.Ratings
                .Select(r => (IReadOnlyList<string>)[r.Question, N(r.Answers), r.Average is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "—",
                    .. r.Distribution.Select(N)]).ToList(), "无评分题")),
        new("四、意见与建议", [],
            new(["问题", "回答"], s.Texts.SelectMany(t => t.Answers.Select(a => (IReadOnlyList<string>)[t.Question, a])).ToList(), "暂无文字回答")),
        new("五、总结结论",
        [
            new("结论", d.Session.Conclusion ?? "（尚未填写）"),
            new("填写人", d.Session.ConclusionByName ?? "—"),
            new("填写时间", time.Format(d.Session.ConclusionUtc)),
        ]),
    ];

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
