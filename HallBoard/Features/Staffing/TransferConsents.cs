using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Staffing;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using R = HallBoard.Features.Account.Roles;

namespace HallBoard.Features.Staffing
{
    public enum TransferDecision { Pending, Consented, Refused }

    /// <summary>A transfer (调动) of an engineer put to the bureau, which consents or refuses itself (驻场运维工程师调动调整的需
    /// 提前与甲方上报并征得甲方同意). A consent writes the <see cref="TransferRecord"/> in the same save.</summary>
    public sealed class TransferRequest
    {
        public int Id { get; set; }
        public int HallId { get; set; }
        public int EngineerId { get; set; }
        public required string Destination { get; set; }
        public string? Note { get; set; }
        public DateTime RequestedUtc { get; set; }
        public required string RequestedByName { get; set; }
        public TransferDecision Decision { get; set; }
        public string? DecidedByName { get; set; }
        public DateTime? DecidedUtc { get; set; }
        public string? DecisionNote { get; set; }
    }

    public sealed record TransferRequestRow(int Id, string Engineer, string Destination, string? Note, DateTime RequestedUtc, string RequestedBy,
        TransferDecision Decision, string? DecidedBy, DateTime? DecidedUtc, string? DecisionNote);

    public sealed class TransferConsents(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
    {
        public async Task<int> RequestAsync(int hallId, int engineerId, string? destination, string? note, Actor actor, CancellationToken ct = default)
        {
            actor.RequireRole(Policies.RolesOf(Policies.StaffingEditors));
            actor.RequireHall(hallId);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var name = await db.Engineers.Where(e => e.Id == engineerId && e.HallId == hallId).Select(e => e.Name).FirstOrDefaultAsync(ct)
                       ?? throw ValidationFailedException.For("engineer", "请选择本厅的工程师。");
            if (await db.TransferRequests.AnyAsync(t => t.EngineerId == engineerId && t.Decision == TransferDecision.Pending, ct))
                throw ValidationFailedException.For("engineer", $"{name} 已有待局方答复的调动申请。");
            var now = time.UtcNow;
            var request = new TransferRequest
            {
                HallId = hallId, EngineerId = engineerId, RequestedUtc = now, RequestedByName = actor.Name, Decision = TransferDecision.Pending,
                Destination = FreeText.Required(destination, "destination", "调往岗位或服务厅", 100),
                Note = FreeText.Optional(note, "note", "说明", Rectification.MaxText),
            };
            db.TransferRequests.Add(request);
            db.Audit(actor, now, "申请人员调动", nameof(TransferRequest), name, null, $"调往={request.Destination}；说明={request.Note ?? "—"}", hallId);
            await db.SaveChangesAsync(ct);
            return request.Id;
        }

        /// <summary>The bureau's answer; only a Bureau account of the hall gives it, once.</summary>
        public async Task DecideAsync(int requestId, bool consent, string? note, Actor actor, CancellationToken ct = default)
        {
            actor.RequireRole(R.Bureau);
            _ = actor.HallScope;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var request = await db.TransferRequests.FirstOrDefaultAsync(t => t.Id == requestId, ct);
            if (request is null || !actor.CanSee(request.HallId)) throw new NotFoundException("调动申请不存在。");
            if (request.Decision != TransferDecision.Pending) throw ValidationFailedException.For("decision", "该调动申请已答复。");
            var why = FreeText.Optional(note, "note", "意见", Rectification.MaxText);
            if (!consent && why is null) throw ValidationFailedException.For("note", "不同意调动时请写明理由。");
            var now = time.UtcNow;
            (request.Decision, request.DecidedByName, request.DecidedUtc, request.DecisionNote) =
                (consent ? TransferDecision.Consented : TransferDecision.Refused, actor.Name, now, why);
            if (consent)
                db.TransferRecords.Add(new TransferRecord
                {
                    HallId = request.HallId, EngineerId = request.EngineerId, Destination = request.Destination, ConsentByName = actor.Name,
                    ConsentUtc = now, Note = request.Note, RecordedUtc = now, RecordedByName = actor.Name,
                });
            var name = await db.Engineers.Where(e => e.Id == request.EngineerId).Select(e => e.Name).FirstAsync(ct);
            db.Audit(actor, now, consent ? "局方同意调动" : "局方不同意调动", nameof(TransferRequest), name, "待局方答复",
                $"调往={request.Destination}；意见={why ?? "—"}", request.HallId);
            await db.SaveChangesAsync(ct);
        }

        public async Task<IReadOnlyList<TransferRequestRow>> ListAsync(int hallId, Actor actor, CancellationToken ct = default)
        {
            actor.RequireRole(Policies.RolesOf(Policies.TransferViewers));
            actor.RequireVisible(hallId, "办税服务厅不存在。");
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await (from t in db.TransferRequests.AsNoTracking()
                          where t.HallId == hallId
                          join e in db.Engineers on t.EngineerId equals e.Id
                          orderby t.Decision != TransferDecision.Pending, t.RequestedUtc descending
                          select new TransferRequestRow(t.Id, e.Name, t.Destination, t.Note, t.RequestedUtc, t.RequestedByName, t.Decision,
                              t.DecidedByName, t.DecidedUtc, t.DecisionNote)).Take(200).ToListAsync(ct);
        }
    }
}
