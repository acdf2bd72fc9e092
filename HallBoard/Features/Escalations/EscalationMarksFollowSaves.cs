using HallBoard.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Escalations;

/// <summary>A ticket command that raised or answered an escalation drops the kept marks once committed, before the
/// ticket's notice makes lists read again, so they never show the mark as it was.</summary>
public sealed class EscalationMarksFollowSaves(EscalationMarks marks) : ITicketSaveParticipant
{
    public Task BeforeSaveAsync(TicketSave save, CancellationToken ct)
    {
        if (save.Db.ChangeTracker.Entries<Escalation>().Any(e => e.State is EntityState.Added or EntityState.Modified))
            save.AfterCommit(() =>
            {
                marks.Changed();
                return Task.CompletedTask;
            });
        return Task.CompletedTask;
    }
}
