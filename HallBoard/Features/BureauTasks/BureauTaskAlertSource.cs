using HallBoard.Data;
using HallBoard.Features.Wall;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.BureauTasks;

/// <summary>A bureau task not completed by its deadline is a critical alert on its hall's wall ("bureau-task:{id}"), and a
/// warning from <see cref="BureauTask.DueSoon"/> before; completing it clears the alert. The message names the task and
/// its owner, never a taxpayer.</summary>
public sealed class BureauTaskAlertSource(IDbContextFactory<HallDbContext> dbFactory, HallTime time) : IHallAlertSource
{
    public const string Kind = "BureauTaskDue";

    public async ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        var soon = situation.NowUtc + BureauTask.DueSoon;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.BureauTasks.AsNoTracking()
            .Where(t => t.HallId == situation.Hall.Id && t.DueUtc <= soon
                        && (t.State == BureauTaskState.Issued || t.State == BureauTaskState.Accepted || t.State == BureauTaskState.InProgress))
            .OrderBy(t => t.DueUtc).ToListAsync(ct);
        return due.Select(t => AlertOf(t, situation.NowUtc, time)!).ToList();
    }

    /// <summary>The task's alert now, or null when it raises none.</summary>
    public static HallAlert? AlertOf(BureauTask task, DateTime nowUtc, HallTime time)
    {
        var title = task.Title.Length > 24 ? task.Title[..24] + "…" : task.Title;
        if (task.IsOverdue(nowUtc))
            return new HallAlert(AlertId(task.Id), Kind, AlertKinds.Critical,
                $"局方任务“{title}”已逾期（责任人 {task.OwnerName}）", null, task.DueUtc);
        if (task.IsDueSoon(nowUtc))
            return new HallAlert(AlertId(task.Id), Kind, AlertKinds.Warning,
                $"局方任务“{title}”将于 {time.Format(task.DueUtc, "HH:mm")} 到期（责任人 {task.OwnerName}）", null, task.DueUtc - BureauTask.DueSoon);
        return null;
    }

    public static string AlertId(int taskId) => $"bureau-task:{taskId}";
}
