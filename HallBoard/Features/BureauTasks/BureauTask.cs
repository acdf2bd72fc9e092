using HallBoard.Domain;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.BureauTasks;

/// <summary>A bureau task refused a move (wrong state, not the owner …); the message is shown as is.</summary>
public sealed class BureauTaskRuleException(string message) : HallBoardException(message);

public enum BureauTaskState { Issued, Accepted, InProgress, Completed, Confirmed }

/// <summary>How the instruction reached the hall: issued by a bureau account in HallBoard, or received by phone or on
/// paper and recorded by the hall lead or manager, who names the issuer.</summary>
public enum BureauTaskChannel { InApp, Phone, Paper }

public enum BureauTaskMove { Accept, Progress, Complete, Confirm, Reopen }

public enum BureauTaskEventKind { Issued, Accepted, Progress, Completed, Confirmed, Reopened }

/// <summary>What the issuer fills in; the hall and the owner are checked by the service against the database.</summary>
public sealed record BureauTaskDraft(int HallId, string? Title, string? Content, int OwnerEngineerId, DateTime DueUtc,
    Priority Priority, BureauTaskChannel Channel = BureauTaskChannel.InApp, string? IssuerName = null);

/// <summary>
/// An instruction or task from the bureau to a hall (接受指令 / 任务部署 / 跟踪督办): 已下达 → 已接收 → 执行中 (progress
/// notes) → 已完成 → 已确认办结, or back to 执行中 when the bureau reopens it with a reason. Not completed by its deadline
/// it is overdue. Who may make which move is decided here (<see cref="Refusal"/>), so pages offer only what the service
/// allows. Rules only: no EF, no UI.
/// </summary>
public sealed class BureauTask
{
    public const int MaxTitle = 100;
    public const int MaxContent = 2000;
    public const int MaxIssuer = 50;
    public const int MaxNote = 1000;
    public static readonly TimeSpan ShortestDeadline = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan LongestDeadline = TimeSpan.FromDays(366);

    /// <summary>How long before its deadline an open task turns into a warning on the wall.</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromHours(4);

    public int Id { get; private set; }
    public int HallId { get; private set; }
    public string Title { get; private set; } = "";
    public string Content { get; private set; } = "";
    public BureauTaskChannel Channel { get; private set; }
    public string IssuerName { get; private set; } = "";
    public string IssuedById { get; private set; } = "";
    public string IssuedByName { get; private set; } = "";
    public DateTime IssuedUtc { get; private set; }
    public int OwnerEngineerId { get; private set; }
    public string OwnerName { get; private set; } = "";
    public DateTime DueUtc { get; private set; }
    public Priority Priority { get; private set; }
    public BureauTaskState State { get; private set; }
    public int? Percent { get; private set; }
    public DateTime? AcceptedUtc { get; private set; }
    public DateTime? CompletedUtc { get; private set; }
    public string? CompletionNote { get; private set; }
    public DateTime? ConfirmedUtc { get; private set; }
    public int Version { get; private set; }
    public List<BureauTaskEvent> Events { get; private set; } = [];

    private BureauTask() { }

    public bool IsOpen => State is BureauTaskState.Issued or BureauTaskState.Accepted or BureauTaskState.InProgress;

    public bool IsOverdue(DateTime nowUtc) => IsOpen && nowUtc > DueUtc;

    public bool IsDueSoon(DateTime nowUtc) => IsOpen && nowUtc <= DueUtc && DueUtc - nowUtc <= DueSoon;

    /// <summary>Whether the actor may issue (or record) a task at all; the hall is the service's check.</summary>
    public static bool MayIssue(Actor actor) => actor.IsIn(R.Bureau, R.HallLead, R.Manager, R.Admin);

    public static BureauTask Issue(BureauTaskDraft draft, string ownerName, Actor by, DateTime nowUtc)
    {
        if (!MayIssue(by)) throw new ForbiddenException("只有税务局运维主管部门、办税服务厅负责人、运维经理或系统管理员可以下达任务。");
        var title = FreeText.Required(draft.Title, "title", "任务标题", MaxTitle);
        var content = FreeText.Required(draft.Content, "content", "任务内容", MaxContent);
        if (!Enum.IsDefined(draft.Priority)) throw ValidationFailedException.For("priority", "请选择优先级。");
        if (!Enum.IsDefined(draft.Channel)) throw ValidationFailedException.For("channel", "请选择指令来源。");
        if (draft.OwnerEngineerId <= 0) throw ValidationFailedException.For("owner", "请选择责任人。");
        if (draft.DueUtc < nowUtc + ShortestDeadline) throw ValidationFailedException.For("due", "完成期限须晚于当前时间至少 30 分钟。");
        if (draft.DueUtc > nowUtc + LongestDeadline) throw ValidationFailedException.For("due", "完成期限不能超过一年。");
        string issuer;
        if (by.IsIn(R.Bureau) && draft.Channel == BureauTaskChannel.InApp)
            issuer = FreeText.Optional(draft.IssuerName, "issuer", "下达人", MaxIssuer) ?? by.Name;
        else
        {
            // A hall's own staff only record what the bureau said; the record names who said it and how.
            if (draft.Channel == BureauTaskChannel.InApp)
                throw ValidationFailedException.For("channel", "请选择指令的接收方式（电话或书面）。");
            issuer = FreeText.Required(draft.IssuerName, "issuer", "下达人（局方联系人）", MaxIssuer);
        }
        var task = new BureauTask
        {
            HallId = draft.HallId, Title = title, Content = content, Channel = draft.Channel, IssuerName = issuer,
            IssuedById = by.Id, IssuedByName = by.Name, IssuedUtc = nowUtc, OwnerEngineerId = draft.OwnerEngineerId,
            OwnerName = ownerName, DueUtc = draft.DueUtc, Priority = draft.Priority, State = BureauTaskState.Issued,
        };
        var how = draft.Channel == BureauTaskChannel.InApp ? "下达任务" : $"记录{Labels.Of(draft.Channel)}指令（下达人：{issuer}）";
        task.Record(BureauTaskEventKind.Issued, $"{how}，责任人 {ownerName}", null, by, nowUtc);
        return task;
    }

    /// <summary>Why this actor may not make this move now, or null when it may. The hall is already checked.</summary>
    public string? Refusal(BureauTaskMove move, Actor actor)
    {
        var owner = actor.EngineerId == OwnerEngineerId && actor.IsIn(R.Engineer, R.HallLead);
        var hallSide = owner || actor.IsIn(R.HallLead, R.Manager, R.Admin);
        // The bureau confirms what it issued; an instruction received by phone or paper has no bureau account behind it,
        // so the hall lead or manager records the issuer's confirmation.
        var bureauSide = actor.IsIn(R.Bureau, R.Admin) || (Channel != BureauTaskChannel.InApp && actor.IsIn(R.HallLead, R.Manager));
        return move switch
        {
            BureauTaskMove.Accept when !hallSide => "只有责任人或办税服务厅负责人可以接收指令。",
            BureauTaskMove.Accept when State != BureauTaskState.Issued => "该任务已接收。",
            BureauTaskMove.Progress or BureauTaskMove.Complete when !hallSide => "只有责任人或办税服务厅负责人可以反馈进度或完成任务。",
            BureauTaskMove.Progress or BureauTaskMove.Complete when State == BureauTaskState.Issued => "请先接收指令。",
            BureauTaskMove.Progress or BureauTaskMove.Complete when !IsOpen => "该任务已完成，不能再反馈。",
            BureauTaskMove.Confirm or BureauTaskMove.Reopen when !bureauSide => "只有下达任务的税务局运维主管部门可以确认办结或退回。",
            BureauTaskMove.Confirm or BureauTaskMove.Reopen when State != BureauTaskState.Completed => "任务尚未完成，不能确认办结或退回。",
            _ when !Enum.IsDefined(move) => "不支持的操作。",
            _ => null,
        };
    }

    public IReadOnlyList<BureauTaskMove> MovesFor(Actor actor) =>
        Enum.GetValues<BureauTaskMove>().Where(m => Refusal(m, actor) is null).ToList();

    public void Accept(Actor by, DateTime nowUtc)
    {
        Check(BureauTaskMove.Accept, by);
        (State, AcceptedUtc) = (BureauTaskState.Accepted, nowUtc);
        Record(BureauTaskEventKind.Accepted, "接受指令", null, by, nowUtc);
    }

    /// <summary>信息反馈: a note, a percentage, or both; the task is then 执行中.</summary>
    public void ReportProgress(string? note, int? percent, Actor by, DateTime nowUtc)
    {
        Check(BureauTaskMove.Progress, by);
        if (percent is < 0 or > 100) throw ValidationFailedException.For("percent", "完成进度须在 0 到 100 之间。");
        var text = FreeText.Optional(note, "note", "进度说明", MaxNote);
        if (text is null && percent is null) throw ValidationFailedException.For("note", "请填写进度说明或完成百分比。");
        State = BureauTaskState.InProgress;
        Percent = percent ?? Percent;
        Record(BureauTaskEventKind.Progress, text ?? "", percent, by, nowUtc);
    }

    public void Complete(string? note, Actor by, DateTime nowUtc)
    {
        Check(BureauTaskMove.Complete, by);
        CompletionNote = FreeText.Required(note, "note", "完成情况", MaxNote);
        (State, CompletedUtc, Percent) = (BureauTaskState.Completed, nowUtc, 100);
        Record(BureauTaskEventKind.Completed, CompletionNote + (nowUtc > DueUtc ? "（逾期完成）" : ""), 100, by, nowUtc);
    }

    public void Confirm(string? note, Actor by, DateTime nowUtc)
    {
        Check(BureauTaskMove.Confirm, by);
        var text = FreeText.Optional(note, "note", "确认意见", MaxNote);
        (State, ConfirmedUtc) = (BureauTaskState.Confirmed, nowUtc);
        Record(BureauTaskEventKind.Confirmed, text ?? "确认办结", null, by, nowUtc);
    }

    /// <summary>The bureau is not satisfied: back to 执行中 with the reason; the deadline stays (it may already be past).</summary>
    public void Reopen(string? reason, Actor by, DateTime nowUtc)
    {
        Check(BureauTaskMove.Reopen, by);
        var why = FreeText.Required(reason, "reason", "退回原因", MaxNote);
        (State, CompletedUtc, CompletionNote) = (BureauTaskState.InProgress, null, null);
        Record(BureauTaskEventKind.Reopened, why, null, by, nowUtc);
    }

    private void Check(BureauTaskMove move, Actor by)
    {
        if (Refusal(move, by) is { } why) throw new BureauTaskRuleException(why);
    }

    private void Record(BureauTaskEventKind kind, string note, int? percent, Actor by, DateTime nowUtc)
    {
        Events.Add(new BureauTaskEvent { Kind = kind, Note = note, Percent = percent, AtUtc = nowUtc, ById = by.Id, ByName = by.Name });
        Version++;
    }

    public string StateLabel => Labels.Of(State);
}

/// <summary>One line of a task's timeline (信息反馈 included), each with its time and author.</summary>
public sealed class BureauTaskEvent
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public BureauTaskEventKind Kind { get; set; }
    public string Note { get; set; } = "";
    public int? Percent { get; set; }
    public DateTime AtUtc { get; set; }
    public string ById { get; set; } = "";
    public string ByName { get; set; } = "";
}
