using HallBoard.Domain;

namespace HallBoard.Features.Incidents.Plans;

public enum PlanState { Draft, Submitted, BureauAnswered, InProgress, Done }

public enum MeasureState { NotStarted, InProgress, Done }

/// <summary>
/// 书面改进方案 after a major fault: measures with owner and due date, written by the hall lead or the ops manager,
/// submitted to the bureau, answered with the bureau's opinion and requirements (意见和要求), then carried out
/// measure by measure. 草拟 → 已提交局方 → 局方已提意见 → 实施中 → 已完成. Rules only.
/// </summary>
public sealed class ImprovementPlan
{
    public const int MaxText = 2000;
    public const int MaxMeasure = 500;
    public const int MaxOwner = 50;
    public const int MaxMeasures = 30;

    private readonly List<PlanMeasure> _measures = [];

    public int Id { get; private set; }
    public int IncidentId { get; private set; }
    public int HallId { get; private set; }
    public string Summary { get; private set; } = "";
    public PlanState State { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime? SubmittedUtc { get; private set; }
    public string? BureauOpinion { get; private set; }
    public DateTime? BureauOpinionUtc { get; private set; }
    /// <summary>Who typed the opinion in: the bureau's own account, or a lead recording what the bureau said.</summary>
    public string? OpinionRecordedByName { get; private set; }
    public bool OpinionByBureau { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<PlanMeasure> Measures => _measures;

    private ImprovementPlan() { }

    public static ImprovementPlan Write(int incidentId, int hallId, string? summary, Actor by, DateTime nowUtc) => new()
    {
        IncidentId = incidentId,
        HallId = hallId,
        Summary = FreeText.Required(summary, "summary", "改进方案概述", MaxText),
        State = PlanState.Draft,
        CreatedUtc = nowUtc,
        CreatedByName = by.Name,
    };

    public PlanMeasure AddMeasure(string? text, string? owner, DateOnly? due, DateOnly today)
    {
        if (State is not (PlanState.Draft or PlanState.BureauAnswered))
            throw new IncidentRuleException("只有草拟中或局方已提意见的改进方案可以增加措施。");
        if (_measures.Count >= MaxMeasures) throw new IncidentRuleException($"一个改进方案最多 {MaxMeasures} 项措施。");
        var what = FreeText.Required(text, "measure", "改进措施", MaxMeasure);
        var who = FreeText.Required(owner, "owner", "责任人", MaxOwner);
        if (due is not { } day) throw ValidationFailedException.For("due", "请选择完成期限。");
        if (day < today) throw ValidationFailedException.For("due", "完成期限不能早于今天。");
        var measure = new PlanMeasure { Text = what, Owner = who, DueDate = day, State = MeasureState.NotStarted };
        _measures.Add(measure);
        Version++;
        return measure;
    }

    public void Submit(DateTime nowUtc)
    {
        if (State != PlanState.Draft) throw new IncidentRuleException("只有草拟中的改进方案可以提交局方。");
        if (_measures.Count == 0) throw new IncidentRuleException("请先填写至少一项改进措施，再提交局方。");
        (State, SubmittedUtc) = (PlanState.Submitted, nowUtc);
        Version++;
    }

    /// <summary>The bureau's opinion and requirements; given once the plan was submitted, and may be given again.</summary>
    public void RecordOpinion(string? opinion, bool byBureau, Actor by, DateTime nowUtc)
    {
        if (State is PlanState.Draft) throw new IncidentRuleException("改进方案尚未提交局方，不能登记局方意见。");
        if (State is PlanState.Done) throw new IncidentRuleException("改进方案已完成，不能再登记局方意见。");
        BureauOpinion = FreeText.Required(opinion, "opinion", "局方意见和要求", MaxText);
        (BureauOpinionUtc, OpinionRecordedByName, OpinionByBureau) = (nowUtc, by.Name, byBureau);
        if (State == PlanState.Submitted) State = PlanState.BureauAnswered;
        Version++;
    }

    /// <summary>Moves one measure; the first started measure puts the plan into 实施中, the last finished one completes it.</summary>
    public PlanMeasure SetMeasure(int measureId, MeasureState state, DateOnly? doneOn, DateOnly today)
    {
        if (State is PlanState.Draft or PlanState.Submitted)
            throw new IncidentRuleException("局方提出意见后才能开始实施改进措施。");
        if (State is PlanState.Done) throw new IncidentRuleException("改进方案已完成。");
        if (!Enum.IsDefined(state)) throw ValidationFailedException.For("state", "措施状态无效。");
        var measure = _measures.FirstOrDefault(m => m.Id == measureId) ?? throw new NotFoundException("改进措施不存在。");
        if (state == MeasureState.Done)
        {
            var day = doneOn ?? today;
            if (day > today) throw ValidationFailedException.For("doneOn", "完成日期不能晚于今天。");
            measure.DoneOn = day;
        }
        else measure.DoneOn = null;
        measure.State = state;
        if (state != MeasureState.NotStarted && State == PlanState.BureauAnswered) State = PlanState.InProgress;
        if (_measures.All(m => m.State == MeasureState.Done)) State = PlanState.Done;
        Version++;
        return measure;
    }
}

/// <summary>One measure of a plan: what, who, by when, and how far it is.</summary>
public sealed class PlanMeasure
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string Text { get; set; }
    public required string Owner { get; set; }
    public DateOnly DueDate { get; set; }
    public MeasureState State { get; set; }
    public DateOnly? DoneOn { get; set; }
}
