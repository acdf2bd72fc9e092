namespace HallBoard.Features.Attachments;

public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Folder of the stored files; empty means "attachments" beside the SQLite file. Relative to the app's folder.</summary>
    public string? Path { get; set; }

    /// <summary>Largest file accepted, counted while it streams in.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>An Office document (a zip) may unpack to at most this many bytes in all its parts.</summary>
    public long MaxUnpackedBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Most parts an Office document may have.</summary>
    public int MaxZipEntries { get; set; } = 2000;

    /// <summary>Highest ratio of unpacked to packed size a part may have (zip bombs reach thousands).</summary>
    public int MaxCompressionRatio { get; set; } = 200;
}
