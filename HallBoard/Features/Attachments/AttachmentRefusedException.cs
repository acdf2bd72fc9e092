using HallBoard.Domain;

namespace HallBoard.Features.Attachments;

public enum AttachmentRefusal { TooLarge, Empty, WrongType, Executable, BadPackage, BadName, BadText }

/// <summary>An upload refused before anything was kept; the message says why, in words the uploader can act on.</summary>
public sealed class AttachmentRefusedException(AttachmentRefusal reason, string message) : HallBoardException(message)
{
    public AttachmentRefusal Reason { get; } = reason;

    public static AttachmentRefusedException TooLarge(long maxBytes) =>
        new(AttachmentRefusal.TooLarge, $"文件超过 {Megabytes(maxBytes)} MB 上限，未保存。请压缩或拆分后再上传。");

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
