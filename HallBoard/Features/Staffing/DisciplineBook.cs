using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.Sla;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.Staffing;

/// <summary>The hall lead's staffing measures: rectification notices (整改), replacement cases (更换, five business
/// days), major faults and transfers with the bureau's consent. Each is one transaction with its audit entry.</summary>
public sealed class DisciplineBook(IDbContextFactory<HallDbContext> dbFactory, HallTime time, SlaCalendars calendars)
{
    public async Task<int> IssueRectificationAsync(int hallId, int engineerId, int? absenceId, string? reason, Actor actor, CancellationToken ct = default)
    {
        Require(actor, hallId, R.HallLead, R.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var engineer = await RosterBook.EngineerInHallAsync(db, engineerId, hallId, ct);
        if (absenceId is int a && !await db.AbsenceRecords.AnyAsync(x => x.Id == a && x.EngineerId == engineerId, ct))
            throw ValidationFailedException.For("absence", "所选脱岗记录不属于该工程师。");
        var now = time.UtcNow;
        var notice = new Rectification
        {
            HallId = hallId, EngineerId = engineerId, AbsenceId = absenceId, IssuedUtc = now, IssuedByName = actor.Name,
            Reason = FreeText.Required(reason, "reason", "整改事由", Rectification.MaxText),
        };
        db.Rectifications.Add(notice);
        db.Audit(actor, now, "整改通知", nameof(Rectification), engineer.Name, null, notice.Reason, hallId);
        await db.SaveChangesAsync(ct);
        return notice.Id;
    }

    /// <summary>Concludes a rectification; failed, it opens a replacement case in the same transaction.</summary>
    public async Task ConcludeRectificationAsync(int rectificationId, bool passed, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notice = await db.Rectifications.FirstOrDefaultAsync(r => r.Id == rectificationId, ct);
        if (notice is null || !actor.CanSee(notice.HallId)) throw new NotFoundException("整改通知不存在。");
        Require(actor, notice.HallId, R.HallLead, R.Admin);
        if (notice.Outcome != RectificationOutcome.Open) throw new StaffingRuleException("该整改已有结论。");
        var now = time.UtcNow;
        notice.Outcome = passed ? RectificationOutcome.Passed : RectificationOutcome.Failed;
        (notice.ConcludedUtc, notice.ConcludedByName) = (now, actor.Name);
        var name = await NameAsync(db, notice.EngineerId, ct);
        db.Audit(actor, now, "整改结论", nameof(Rectification), name, Labels.Of(RectificationOutcome.Open),
            Labels.Of(notice.Outcome), notice.HallId);
        if (!passed) await OpenReplacementAsync(db, notice.HallId, notice.EngineerId, name, "整改后仍未达到要求", actor, now, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task CloseReplacementAsync(int caseId, string? note, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.ReplacementCases.FirstOrDefaultAsync(r => r.Id == caseId, ct);
        if (found is null || !actor.CanSee(found.HallId)) throw new NotFoundException("更换记录不存在。");
        Require(actor, found.HallId, R.HallLead, R.Manager, R.Admin);
        if (found.ClosedUtc is not null) throw new StaffingRuleException("该更换已完成。");
        var now = time.UtcNow;
        found.ClosingNote = FreeText.Required(note, "note", "更换情况（接替人员等）", Rectification.MaxText);
        (found.ClosedUtc, found.ClosedByName) = (now, actor.Name);
        db.Audit(actor, now, "完成更换", nameof(ReplacementCase), await NameAsync(db, found.EngineerId, ct), "更换中",
            $"{found.ClosingNote}{(now > found.DueUtc ? "（逾期完成）" : "")}", found.HallId);
        await db.SaveChangesAsync(ct);
    }

    public async Task<int> RegisterFaultAsync(int hallId, int engineerId, FaultKind kind, string? detail, Actor actor, CancellationToken ct = default)
    {
        Require(actor, hallId, R.HallLead, R.Manager, R.Admin);
        if (!Enum.IsDefined(kind)) throw ValidationFailedException.For("kind", "请选择过错类型。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await NameAsync(db, engineerId, ct, hallId);
        var now = time.UtcNow;
        var fault = new MajorFault
        {
            HallId = hallId, EngineerId = engineerId, Kind = kind, AtUtc = now, ByName = actor.Name,
            Detail = FreeText.Required(detail, "detail", "经过说明", Rectification.MaxText),
        };
        db.MajorFaults.Add(fault);
        db.Audit(actor, now, "重大过错", nameof(MajorFault), name, null, $"{Labels.Of(kind)}：{fault.Detail}", hallId);
        await db.SaveChangesAsync(ct);
        return fault.Id;
    }

    public async Task<int> RecordTransferAsync(int hallId, int engineerId, string? destination, string? consentBy, DateTime consentUtc,
        string? note, Actor actor, CancellationToken ct = default)
    {
        Require(actor, hallId, R.HallLead, R.Manager, R.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await NameAsync(db, engineerId, ct, hallId);
        var now = time.UtcNow;
        if (consentUtc > now) throw ValidationFailedException.For("consent", "同意时间不能晚于现在：调动须事先征得甲方同意。");
        var transfer = new TransferRecord
        {
            HallId = hallId, EngineerId = engineerId, ConsentUtc = consentUtc, RecordedUtc = now, RecordedByName = actor.Name,
            Destination = FreeText.Required(destination, "destination", "调往岗位或服务厅", 100),
            ConsentByName = FreeText.Required(consentBy, "consentBy", "甲方同意人", 100),
            Note = FreeText.Optional(note, "note", "备注", Rectification.MaxText),
        };
        db.TransferRecords.Add(transfer);
        db.Audit(actor, now, "人员调动", nameof(TransferRecord), name, null,
            $"调往={transfer.Destination}；甲方同意人={transfer.ConsentByName}；同意时间={time.Format(consentUtc)}", hallId);
        await db.SaveChangesAsync(ct);
        return transfer.Id;
    }

    /// <summary>Opens a replacement case unless one is open for the engineer; due after five business days.</summary>
    internal async Task<ReplacementCase?> OpenReplacementAsync(HallDbContext db, int hallId, int engineerId, string name, string reason,
        Actor actor, DateTime now, CancellationToken ct)
    {
        if (await db.ReplacementCases.AnyAsync(r => r.EngineerId == engineerId && r.ClosedUtc == null, ct)) return null;
        var clock = await calendars.ClockAsync(hallId, ct);
        var opened = new ReplacementCase
        {
            HallId = hallId, EngineerId = engineerId, Reason = reason, OpenedUtc = now,
            DueUtc = HallHours.AfterBusinessDays(clock, now, ReplacementCase.Days),
        };
        db.ReplacementCases.Add(opened);
        db.Audit(actor, now, "要求更换", nameof(ReplacementCase), name, null, $"{reason}；须于 {time.Format(opened.DueUtc)} 前完成", hallId);
        return opened;
    }

    private static async Task<string> NameAsync(HallDbContext db, int engineerId, CancellationToken ct, int? hallId = null) =>
        await db.Engineers.Where(e => e.Id == engineerId && (hallId == null || e.HallId == hallId)).Select(e => e.Name).FirstOrDefaultAsync(ct)
        ?? throw ValidationFailedException.For("engineer", "请选择本厅的工程师。");

    private static void Require(Actor actor, int hallId, params string[] roles)
    {
        actor.RequireRole(roles);
        actor.RequireHall(hallId);
    }
}
