namespace HallBoard.Features.Attachments;

/// <summary>What an attachment belongs to. <see cref="Training"/> is for the materials of 《培训手册》.</summary>
public enum AttachmentSubject { Ticket, Problem, Incident, Training }

/// <summary>
/// A file attached to a ticket, problem, incident or training. The bytes live outside the database under their
/// SHA-256 (<see cref="AttachmentStore"/>); the row says what they are, as detected from their content, and who
/// brought them. Two rows may share one file.
/// </summary>
public sealed class Attachment
{
    public const int MaxFileName = 200;
    public const int MaxNote = 500;

    public int Id { get; set; }
    public int HallId { get; set; }
    public AttachmentSubject Subject { get; set; }
    public int SubjectId { get; set; }

    /// <summary>The display name: the client's name without any path, checked for hidden characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The type detected from the content, never the one the client sent.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content; also the stored file's name.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedById { get; set; }
    public required string UploadedByName { get; set; }
    public DateTime UploadedUtc { get; set; }
    public string? Note { get; set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
