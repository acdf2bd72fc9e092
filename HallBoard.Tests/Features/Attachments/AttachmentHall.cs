using HallBoard.Features.Attachments;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Attachments;

/// <summary>The app with its attachments in a temporary folder of its own and a 1 MB upload limit, so oversize files
/// stay small; the folder goes with the factory.</summary>
public sealed class AttachmentHall : HallAppFactory
{
    public const long MaxBytes = 1024 * 1024;

    public AttachmentHall()
    {
        Settings["Attachments:Path"] = Folder;
        Settings["Attachments:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"hallboard-attachments-{Guid.NewGuid():N}");

    /// <summary>Every file under the store, including anything left in its incoming folder.</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*", SearchOption.AllDirectories) : [];

    public AttachmentBook Book => Get<AttachmentBook>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
