namespace HallBoard.Features.Training;

// Held is the default (CLR and column) because every row of the earlier log of past sessions was a held session.
public enum TrainingStatus { Held = 0, Planned = 1, Cancelled = 2 }

/// <summary>
/// One training session (培训) of a hall: planned with its date, time, place, audience, topics and trainer; its
/// people signed in on the day; held or cancelled. Sessions logged before planning existed are held sessions whose
/// attendees are only the typed <see cref="Attendees"/> text.
/// </summary>
public sealed class TrainingSession
{
    public const int MaxTopic = 200;
    public const int MaxAttendees = 1000;
    public const int MaxPlace = 100;
    public const int MaxAudience = 100;
    public const int MaxText = 2000;

    public int Id { get; set; }
    public int HallId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }
    public string? Place { get; set; }

    /// <summary>Who it is for, e.g. 驻场工程师、办税服务厅人员.</summary>
    public string? Audience { get; set; }

    /// <summary>The topics (培训主题).</summary>
    public required string Topic { get; set; }

    public string? Outline { get; set; }
    public required string Trainer { get; set; }

    /// <summary>The attendees' names: typed for logged sessions; the signed-in people once a planned session is held.</summary>
    public required string Attendees { get; set; }

    public int AttendeeCount { get; set; }
    public TrainingStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedByName { get; set; }

    /// <summary>The survey link's secret; null for sessions logged before planning existed.</summary>
    public string? SurveyToken { get; set; }

    /// <summary>The survey's questions (JSON of <see cref="SurveyQuestion"/>); null means the default set.</summary>
    public string? Questions { get; set; }

    public string? Conclusion { get; set; }
    public string? ConclusionByName { get; set; }
    public DateTime? ConclusionUtc { get; set; }
    public int Version { get; set; }

    public List<TrainingAttendee> People { get; set; } = [];
}

/// <summary>A person on a session's sign-in sheet: planned beforehand or added on the day, signed in or not.</summary>
public sealed class TrainingAttendee
{
    public int Id { get; set; }
    public int TrainingId { get; set; }

    /// <summary>The engineer (people of the hall), or null for someone outside the system, known by name only.</summary>
    public int? EngineerId { get; set; }

    public required string Name { get; set; }
    public bool Planned { get; set; }
    public DateTime? SignedInUtc { get; set; }
    public string? SignedInByName { get; set; }
}

/// <summary>One anonymous survey answer sheet: the answers only (JSON), no name, address or time.</summary>
public sealed class TrainingResponse
{
    public int Id { get; set; }
    public int TrainingId { get; set; }
    public required string Answers { get; set; }
}

public enum QuestionKind { Rating = 0, Text = 1 }

public sealed record SurveyQuestion(QuestionKind Kind, string Text);
