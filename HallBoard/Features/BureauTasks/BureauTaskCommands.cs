using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.BureauTasks;

/// <summary>Issuing a bureau task and every move on it: one context, one transaction with its timeline line and audit
/// entry, then one notice so open lists and detail pages read it again. A new task pops up on the hall lead's screens;
/// finishing a task that was on the wall takes its alert down at once rather than at the monitor's next check.</summary>
public sealed class BureauTaskCommands(IDbContextFactory<HallDbContext> dbFactory, HallTime time, HallNotifier notifier)
{
    public const string NoticeKind = "BureauTask";
    private const string NotFound = "局方任务不存在。";

    public async Task<int> IssueAsync(BureauTaskDraft draft, Actor actor, CancellationToken ct = default)
    {
        if (!BureauTask.MayIssue(actor)) throw new ForbiddenException(Actor.NoRightMessage);
        actor.RequireHall(draft.HallId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Halls.AnyAsync(h => h.Id == draft.HallId, ct))
            throw ValidationFailedException.For("hall", "请选择办税服务厅。");
        var owner = await db.Engineers.AsNoTracking()
            .Where(e => e.Id == draft.OwnerEngineerId && e.HallId == draft.HallId && e.IsActive && e.LeftUtc == null)
            .Select(e => e.Name).FirstOrDefaultAsync(ct);
        if (owner is null && draft.OwnerEngineerId > 0)
            throw ValidationFailedException.For("owner", "责任人须是该办税服务厅的在岗人员。");
        var now = time.UtcNow;
        var task = BureauTask.Issue(draft, owner ?? "", actor, now);
        // The audit entry names the task by its id, which the first save gives; one transaction holds both saves.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.BureauTasks.Add(task);
            await db.SaveChangesAsync(ct);
            db.Audit(actor, now, "下达局方任务", nameof(BureauTask), Id(task), null, Describe(task), task.HallId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await notifier.PublishAsync(HallChange.ForLead(task.HallId,
            new LeadNotice(NoticeKind, $"局方任务：{task.Title}（责任人 {task.OwnerName}，{time.Format(task.DueUtc, "M月d日 HH:mm")}前完成）", Link(task))));
        return task.Id;
    }

    public Task AcceptAsync(int taskId, int? expectedVersion, Actor actor, CancellationToken ct = default) =>
        MoveAsync(taskId, expectedVersion, actor, "接受局方指令", (t, now) => t.Accept(actor, now), ct);

    public Task ReportProgressAsync(int taskId, int? expectedVersion, string? note, int? percent, Actor actor, CancellationToken ct = default) =>
        MoveAsync(taskId, expectedVersion, actor, "局方任务进度反馈", (t, now) => t.ReportProgress(note, percent, actor, now), ct);

    public Task CompleteAsync(int taskId, int? expectedVersion, string? note, Actor actor, CancellationToken ct = default) =>
        MoveAsync(taskId, expectedVersion, actor, "局方任务完成", (t, now) => t.Complete(note, actor, now), ct);

    public Task ConfirmAsync(int taskId, int? expectedVersion, string? note, Actor actor, CancellationToken ct = default) =>
        MoveAsync(taskId, expectedVersion, actor, "局方任务确认办结", (t, now) => t.Confirm(note, actor, now), ct);

    public Task ReopenAsync(int taskId, int? expectedVersion, string? reason, Actor actor, CancellationToken ct = default) =>
        MoveAsync(taskId, expectedVersion, actor, "局方任务退回重办", (t, now) => t.Reopen(reason, actor, now), ct);

    private async Task MoveAsync(int taskId, int? expectedVersion, Actor actor, string action, Action<BureauTask, DateTime> move, CancellationToken ct)
    {
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.BureauTasks.Include(t => t.Events).FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) throw new NotFoundException(NotFound);
        actor.RequireVisible(task.HallId, NotFound);
        if (expectedVersion is int v && v != task.Version)
            throw new BureauTaskRuleException("该任务已被他人更新，请刷新后再试。");
        var now = time.UtcNow;
        var alertBefore = BureauTaskAlertSource.AlertOf(task, now, time);
        var before = Describe(task);
        move(task, now);
        db.Audit(actor, now, action, nameof(BureauTask), Id(task), before, Describe(task), task.HallId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new BureauTaskRuleException("该任务已被他人更新，请刷新后再试。"));
        }
        if (alertBefore is not null && !task.IsOpen)
            await notifier.PublishAsync(HallChange.AlertCleared(task.HallId, alertBefore));
        await notifier.PublishAsync(HallChange.ForEngineer(task.HallId, task.OwnerEngineerId,
            new LeadNotice(NoticeKind, $"局方任务“{task.Title}”：{task.StateLabel}", Link(task))));
    }

    public static string Link(BureauTask task) => $"/bureau-tasks/{task.Id.ToString(CultureInfo.InvariantCulture)}";

    private static string Id(BureauTask task) => task.Id.ToString(CultureInfo.InvariantCulture);

    private string Describe(BureauTask t) =>
        $"状态={t.StateLabel}; 标题={t.Title}; 下达人={t.IssuerName}（{Labels.Of(t.Channel)}）; 责任人={t.OwnerName}; " +
        $"期限={time.Format(t.DueUtc)}; 优先级={Labels.Of(t.Priority)}; 进度={(t.Percent is int p ? p + "%" : "—")}; " +
        $"完成情况={t.CompletionNote ?? "—"}; 版本={t.Version}";
}
