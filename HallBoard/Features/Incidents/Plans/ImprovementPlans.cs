using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Incidents.Plans;

/// <summary>The written improvement plan of a major incident: each command one context, one save with its audit entry.</summary>
public sealed class ImprovementPlans(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public async Task<ImprovementPlan?> OfIncidentAsync(int incidentId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.ImprovementPlans.AsNoTracking().Include(p => p.Measures).FirstOrDefaultAsync(p => p.IncidentId == incidentId, ct);
        return plan is not null && actor.Sees(plan.HallId) ? plan : null;
    }

    public async Task<int> WriteAsync(int incidentId, string? summary, Actor actor, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.ImprovementPlanWriters);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var incident = await db.MajorIncidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        if (incident is null || !actor.CanSee(incident.HallId)) throw new NotFoundException("重大事件不存在。");
        if (await db.ImprovementPlans.AnyAsync(p => p.IncidentId == incidentId, ct))
            throw new IncidentRuleException("该重大事件已有改进方案。");
        var now = time.UtcNow;
        var plan = ImprovementPlan.Write(incidentId, incident.HallId, summary, actor, now);
        db.ImprovementPlans.Add(plan);
        db.Audit(actor, now, "编写改进方案", nameof(ImprovementPlan), Key(incidentId), null, $"事件={incident.Title}; 概述={plan.Summary}", incident.HallId);
        await SaveAsync(db, ct);
        return plan.Id;
    }

    public Task AddMeasureAsync(int incidentId, string? text, string? owner, DateOnly? due, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, Policies.ImprovementPlanWriters, "增加改进措施", p =>
        {
            var m = p.AddMeasure(text, owner, due, time.Today);
            return $"措施={m.Text}; 责任人={m.Owner}; 期限={m.DueDate:yyyy-MM-dd}";
        }, ct);

    public Task SubmitAsync(int incidentId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, Policies.ImprovementPlanWriters, "改进方案提交局方", p =>
        {
            p.Submit(time.UtcNow);
            return $"措施 {p.Measures.Count} 项";
        }, ct);

    public Task RecordOpinionAsync(int incidentId, string? opinion, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, Policies.ImprovementPlanOpinionGivers, "登记局方意见", p =>
        {
            var byBureau = actor.IsIn(Roles.Bureau);
            p.RecordOpinion(opinion, byBureau, actor, time.UtcNow);
            return $"{(byBureau ? "局方填写" : "代为登记")}：{p.BureauOpinion}";
        }, ct);

    public Task SetMeasureAsync(int incidentId, int measureId, MeasureState state, DateOnly? doneOn, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(incidentId, actor, Policies.ImprovementPlanWriters, "更新改进措施进度", p =>
        {
            var m = p.SetMeasure(measureId, state, doneOn, time.Today);
            return $"措施={m.Text}; 状态={Labels.Of(m.State)}; 完成日期={m.DoneOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"}";
        }, ct);

    private async Task ChangeAsync(int incidentId, Actor actor, string[] roles, string action, Func<ImprovementPlan, string> change,
        CancellationToken ct)
    {
        actor.RequireRole(roles);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.ImprovementPlans.Include(p => p.Measures).FirstOrDefaultAsync(p => p.IncidentId == incidentId, ct);
        if (plan is null || !actor.CanSee(plan.HallId)) throw new NotFoundException("改进方案不存在。");
        var before = Labels.Of(plan.State);
        var what = change(plan);
        db.Audit(actor, time.UtcNow, action, nameof(ImprovementPlan), Key(incidentId), before,
            $"{what}; 方案状态={Labels.Of(plan.State)}", plan.HallId);
        await SaveAsync(db, ct);
    }

    private static async Task SaveAsync(HallDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (DbFailures.IsKnown(error))
        {
            throw DbFailures.Translate(error, () => new IncidentRuleException("该改进方案已被他人修改，请刷新后再试。"), "该重大事件已有改进方案。");
        }
    }

    private static string Key(int incidentId) => incidentId.ToString(CultureInfo.InvariantCulture);
}
