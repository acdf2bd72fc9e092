using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Sla;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using HallBoard.Live;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Staffing;

/// <summary>Configuration section "Sla:AfterHours".</summary>
public sealed class AfterHoursOptions
{
    /// <summary>Response target of a hotline ticket logged outside opening hours, counted around the clock.</summary>
    public int ResponseMinutes { get; set; } = 30;
}

/// <summary>
/// 12366 hotline tickets logged while the hall is closed: the response target runs around the clock, and the engineer
/// on call is paged on their own screens (a personal notice: never walls, never the hub).
/// </summary>
public sealed class AfterHoursHotline(IOptions<AfterHoursOptions> options, HallTime time, HallNotifier notifier)
{
    public const string PageKind = "OnCallPage";

    public bool Applies(Channel channel, SlaClock clock, DateTime nowUtc) =>
        channel == Channel.Hotline12366 && !HallHours.IsOpen(clock, nowUtc);

    public DateTime ResponseDue(DateTime nowUtc) => nowUtc.AddMinutes(Math.Max(1, options.Value.ResponseMinutes));

    /// <summary>Inside the intake's transaction: sets the after-hours target, finds who is on call and audits the page.
    /// Returns the engineer to page once the ticket is committed, if anyone is on call.</summary>
    public async Task<int?> PrepareAsync(HallDbContext db, Ticket ticket, Actor actor, DateTime nowUtc, CancellationToken ct)
    {
        ticket.RespondAfterHours(ResponseDue(nowUtc));
        var onCall = await RosterBook.OnCallAtAsync(db, ticket.HallId, nowUtc, ct);
        var name = onCall is int id ? await db.Engineers.FindAsync([id], ct) : null;
        db.Audit(actor, nowUtc, "非营业时间热线", nameof(Ticket), ticket.Number, null,
            $"响应时限 {time.Format(ticket.ResponseDueUtc)}（全天计时）；呼叫值班：{name?.Name ?? "无人值班"}", ticket.HallId);
        return onCall;
    }

    public Task PageAsync(int engineerId, Ticket ticket) =>
        notifier.PublishAsync(HallChange.ForEngineer(ticket.HallId, engineerId, new LeadNotice(PageKind,
            $"非营业时间热线工单 {ticket.Number}，请于 {time.Format(ticket.ResponseDueUtc, "HH:mm")} 前响应",
            $"/tickets/{ticket.Id}", ticket.Id, ticket.Number, engineerId)));
}
