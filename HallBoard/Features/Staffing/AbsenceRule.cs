using HallBoard.Domain;

namespace HallBoard.Features.Staffing;

public sealed record StatusAt(DateTime AtUtc, EngineerStatus To);

public sealed record Span(DateTime StartUtc, DateTime EndUtc);

public sealed record AbsenceFound(int ShiftId, DateTime StartUtc, DateTime EndUtc)
{
    public TimeSpan Length => EndUtc - StartUtc;
}

/// <summary>
/// 未经请假离岗达二小时以上: within a rostered shift, an unbroken stretch off post (暂离 or 离线) not covered by
/// approved leave that lasts more than <see cref="Limit"/>. A stretch still going on counts up to now.
/// </summary>
public static class AbsenceRule
{
    public static readonly TimeSpan Limit = TimeSpan.FromHours(2);

    public static bool IsOffPost(EngineerStatus status) => status is EngineerStatus.Away or EngineerStatus.Offline;

    /// <param name="before">The status before the first change (離线 for an engineer who never had one).</param>
    /// <param name="changes">Status changes, any order.</param>
    public static IReadOnlyList<AbsenceFound> Find(EngineerStatus before, IEnumerable<StatusAt> changes,
        IEnumerable<(int Id, Span Span)> shifts, IEnumerable<Span> leave, DateTime nowUtc)
    {
        var ordered = changes.OrderBy(c => c.AtUtc).ToList();
        var leaves = leave.ToList();
        var found = new List<AbsenceFound>();
        foreach (var (id, shift) in shifts)
        {
            var end = shift.EndUtc < nowUtc ? shift.EndUtc : nowUtc;
            foreach (var off in OffPost(before, ordered, shift.StartUtc, end))
                foreach (var piece in Without(off, leaves))
                    if (piece.EndUtc - piece.StartUtc > Limit)
                        found.Add(new AbsenceFound(id, piece.StartUtc, piece.EndUtc));
        }
        return found;
    }

    /// <summary>The stretches off post between start and end, neighbouring off-post statuses joined.</summary>
    private static IEnumerable<Span> OffPost(EngineerStatus before, List<StatusAt> changes, DateTime start, DateTime end)
    {
        if (end <= start) yield break;
        var status = changes.LastOrDefault(c => c.AtUtc <= start)?.To ?? before;
        DateTime? offSince = IsOffPost(status) ? start : null;
        foreach (var change in changes.Where(c => c.AtUtc > start && c.AtUtc < end))
        {
            if (IsOffPost(change.To)) offSince ??= change.AtUtc;
            else if (offSince is { } since)
            {
                yield return new Span(since, change.AtUtc);
                offSince = null;
            }
        }
        if (offSince is { } open) yield return new Span(open, end);
    }

    /// <summary>The parts of a stretch that no approved leave covers.</summary>
    private static IEnumerable<Span> Without(Span off, List<Span> leaves)
    {
        var pieces = new List<Span> { off };
        foreach (var l in leaves)
            pieces = pieces.SelectMany(p => l.EndUtc <= p.StartUtc || l.StartUtc >= p.EndUtc
                ? [p]
                : new[] { new Span(p.StartUtc, l.StartUtc), new Span(l.EndUtc, p.EndUtc) }.Where(s => s.EndUtc > s.StartUtc)).ToList();
        return pieces;
    }
}

/// <summary>What approved leave does to an engineer's status: 请假 from its start, and back to 离线 when it is over
/// (the tablet brings them back on duty). A status the engineer set after the leave began is left alone.</summary>
public static class LeaveStatusRule
{
    public static EngineerStatus? Next(EngineerStatus status, DateTime sinceUtc, IEnumerable<Span> approved, DateTime nowUtc)
    {
        var active = approved.FirstOrDefault(l => l.StartUtc <= nowUtc && nowUtc < l.EndUtc);
        if (active is not null)
            return status != EngineerStatus.OnLeave && sinceUtc < active.StartUtc ? EngineerStatus.OnLeave : null;
        return status == EngineerStatus.OnLeave ? EngineerStatus.Offline : null;
    }
}
