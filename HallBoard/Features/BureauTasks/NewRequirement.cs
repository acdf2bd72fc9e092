using HallBoard.Domain;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.BureauTasks;

public enum RequirementSource { Bureau, Taxpayer, OnSite }

public enum RequirementState { Registered, Reported, Planned, Implemented, Declined }

public enum RequirementMove { Report, Plan, Implement, Decline }

public sealed record RequirementDraft(int HallId, string? Description, RequirementSource Source, string? RaisedBy, DateOnly RaisedOn);

/// <summary>
/// 新需求反馈: a need raised by the bureau (因客户方其它项目开展要求), a taxpayer, or noticed on site, registered,
/// reported to the company, answered with a new service plan and implemented, or not taken up with a reason:
/// 登记 → 已上报公司 → 已制定方案 → 已实施, or 不采纳 from any open state. Rules only: no EF, no UI.
/// </summary>
public sealed class NewRequirement
{
    public const int MaxDescription = 1000;
    public const int MaxName = 50;
    public const int MaxPlan = 2000;
    public const int MaxReason = 500;

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Description { get; private set; } = "";
    public RequirementSource Source { get; private set; }
    public string RaisedBy { get; private set; } = "";
    public DateOnly RaisedOn { get; private set; }
    public RequirementState State { get; private set; }
    public DateOnly? ReportedOn { get; private set; }
    public string? Plan { get; private set; }
    public DateOnly? ImplementedOn { get; private set; }
    public string? DeclineReason { get; private set; }
    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public int Version { get; private set; }

    private NewRequirement() { }

    public bool IsOpen => State is RequirementState.Registered or RequirementState.Reported or RequirementState.Planned;

    /// <summary>Everyone who works in or directs a hall may register a need they heard of.</summary>
    public static bool MayRegister(Actor actor) => actor.IsIn(R.Engineer, R.HallLead, R.Manager, R.Admin, R.Bureau);

    public static NewRequirement Register(RequirementDraft draft, Actor by, DateOnly today, DateTime nowUtc)
    {
        if (!MayRegister(by)) throw new ForbiddenException(Actor.NoRightMessage);
        var description = FreeText.Required(draft.Description, "description", "需求描述", MaxDescription);
        if (!Enum.IsDefined(draft.Source)) throw ValidationFailedException.For("source", "请选择需求来源。");
        var raisedBy = FreeText.Required(draft.RaisedBy, "raisedBy", "提出人", MaxName);
        if (TextRules.NameProblem(raisedBy) is { } why) throw ValidationFailedException.For("raisedBy", "提出人" + why);
        CheckDay(draft.RaisedOn, today, "raisedOn", "提出日期");
        return new NewRequirement
        {
            HallId = draft.HallId, Description = description, Source = draft.Source, RaisedBy = raisedBy, RaisedOn = draft.RaisedOn,
            State = RequirementState.Registered, RecordedById = by.Id, RecordedByName = by.Name, RecordedUtc = nowUtc, UpdatedUtc = nowUtc,
        };
    }

    /// <summary>Reporting to the company and declining are the hall lead's or the manager's; the service plan is the
    /// company's answer (the manager, 乙方); implementing it is confirmed on site by the lead or the manager.</summary>
    public string? Refusal(RequirementMove move, Actor actor)
    {
        var leads = actor.IsIn(R.HallLead, R.Manager, R.Admin);
        return move switch
        {
            RequirementMove.Report when !leads => "只有办税服务厅负责人或运维经理可以上报公司。",
            RequirementMove.Report when State != RequirementState.Registered => "只有登记状态的需求可以上报公司。",
            RequirementMove.Plan when !actor.IsIn(R.Manager, R.Admin) => "只有运维经理可以录入公司制定的服务方案。",
            RequirementMove.Plan when State != RequirementState.Reported => "需求须先上报公司，才能录入服务方案。",
            RequirementMove.Implement when !leads => "只有办税服务厅负责人或运维经理可以确认方案已实施。",
            RequirementMove.Implement when State != RequirementState.Planned => "尚未制定服务方案，不能标记为已实施。",
            RequirementMove.Decline when !leads => "只有办税服务厅负责人或运维经理可以决定不采纳。",
            RequirementMove.Decline when !IsOpen => "该需求已办结，不能再更改。",
            _ when !Enum.IsDefined(move) => "不支持的操作。",
            _ => null,
        };
    }

    public IReadOnlyList<RequirementMove> MovesFor(Actor actor) =>
        Enum.GetValues<RequirementMove>().Where(m => Refusal(m, actor) is null).ToList();

    public void Report(DateOnly on, Actor by, DateOnly today, DateTime nowUtc)
    {
        Check(RequirementMove.Report, by);
        CheckDay(on, today, "reportedOn", "上报日期");
        if (on < RaisedOn) throw ValidationFailedException.For("reportedOn", "上报日期不能早于提出日期。");
        (State, ReportedOn) = (RequirementState.Reported, on);
        Touch(nowUtc);
    }

    public void RecordPlan(string? plan, Actor by, DateTime nowUtc)
    {
        Check(RequirementMove.Plan, by);
        Plan = FreeText.Required(plan, "plan", "服务方案", MaxPlan);
        State = RequirementState.Planned;
        Touch(nowUtc);
    }

    public void Implement(DateOnly on, Actor by, DateOnly today, DateTime nowUtc)
    {
        Check(RequirementMove.Implement, by);
        CheckDay(on, today, "implementedOn", "实施日期");
        if (ReportedOn is { } reported && on < reported) throw ValidationFailedException.For("implementedOn", "实施日期不能早于上报日期。");
        (State, ImplementedOn) = (RequirementState.Implemented, on);
        Touch(nowUtc);
    }

    public void Decline(string? reason, Actor by, DateTime nowUtc)
    {
        Check(RequirementMove.Decline, by);
        DeclineReason = FreeText.Required(reason, "reason", "不采纳原因", MaxReason);
        State = RequirementState.Declined;
        Touch(nowUtc);
    }

    private void Check(RequirementMove move, Actor by)
    {
        if (Refusal(move, by) is { } why) throw new BureauTaskRuleException(why);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }

    private static void CheckDay(DateOnly day, DateOnly today, string field, string label)
    {
        if (day > today) throw ValidationFailedException.For(field, $"{label}不能晚于今天。");
        if (day < today.AddYears(-3)) throw ValidationFailedException.For(field, $"{label}不能早于三年前。");
    }

    public string StateLabel => Labels.Of(State);
}
