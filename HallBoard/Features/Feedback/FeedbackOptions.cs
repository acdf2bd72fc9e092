using HallBoard.Domain;

namespace HallBoard.Features.Feedback;

/// <summary>Section "Feedback": due times of each step, counted from receipt, and the public form's limits.</summary>
public sealed class FeedbackOptions
{
    public double ReportWithinHours { get; set; } = 24;
    public double HandleWithinDays { get; set; } = 2;
    public double ReplyWithinDays { get; set; } = 5;
    public double CloseWithinDays { get; set; } = 7;

    /// <summary>Submissions one client (address) may make from the public pages per window.</summary>
    public int PublicPermitLimit { get; set; } = 5;
    public double PublicWindowMinutes { get; set; } = 10;

    /// <summary>Largest form body the public pages accept, in bytes.</summary>
    public long PublicMaxBodyBytes { get; set; } = 16 * 1024;

    public FeedbackDeadlines Deadlines => new(TimeSpan.FromHours(ReportWithinHours), TimeSpan.FromDays(HandleWithinDays),
        TimeSpan.FromDays(ReplyWithinDays), TimeSpan.FromDays(CloseWithinDays));
}
