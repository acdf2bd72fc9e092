using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Attachments;

/// <summary>What a file is, as its content says: the kind's label, the content type it is served with, and the
/// extensions a name may have for it.</summary>
public sealed record FileKind(string Label, string ContentType, params string[] Extensions)
{
    public static readonly FileKind Png = new("PNG 图片", "image/png", ".png");
    public static readonly FileKind Jpeg = new("JPEG 图片", "image/jpeg", ".jpg", ".jpeg");
    public static readonly FileKind Gif = new("GIF 图片", "image/gif", ".gif");
    public static readonly FileKind WebP = new("WebP 图片", "image/webp", ".webp");
    public static readonly FileKind Bmp = new("BMP 图片", "image/bmp", ".bmp");
    public static readonly FileKind Pdf = new("PDF 文档", "application/pdf", ".pdf");
    public static readonly FileKind Docx = new("Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileKind Xlsx = new("Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Pptx = new("PowerPoint 演示文稿", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileKind Doc = new("Word 97-2003 文档", "application/msword", ".doc");
    public static readonly FileKind Xls = new("Excel 97-2003 工作簿", "application/vnd.ms-excel", ".xls");
    public static readonly FileKind Ppt = new("PowerPoint 97-2003 演示文稿", "application/vnd.ms-powerpoint", ".ppt");
    public static readonly FileKind Text = new("文本文件", "text/plain; charset=utf-8", ".txt");
    public static readonly FileKind Csv = new("CSV 文件", "text/csv; charset=utf-8", ".csv");

    public static readonly IReadOnlyList<FileKind> All = [Png, Jpeg, Gif, WebP, Bmp, Pdf, Docx, Xlsx, Pptx, Doc, Xls, Ppt, Text, Csv];

    /// <summary>For the file picker's accept attribute; the server checks the content whatever the picker allowed.</summary>
    public static string AcceptList => string.Join(",", All.SelectMany(k => k.Extensions));

    public static string AllowedText => "图片（PNG、JPEG、GIF、WebP、BMP）、PDF、Word/Excel/PowerPoint 文档、文本或 CSV";
}

/// <summary>
/// Decides what a stored upload is from its bytes, never from its name or the client's content type, and refuses
/// what may not be kept: executables and scripts under any name, unknown formats, a name whose extension does not
/// match the content, Office files that are not a sound package or that unpack far beyond their size (zip bombs),
/// plain zips, and text that is not UTF-8 or holds NUL characters.
/// </summary>
public sealed class FileInspector(IOptions<AttachmentOptions> options)
{
    private const int HeadBytes = 64;

    public async Task<FileKind> InspectAsync(string path, string fileName, CancellationToken ct)
    {
        var head = new byte[HeadBytes];
        int length;
        await using (var file = File.OpenRead(path))
            length = await file.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, ct);
        var bytes = head.AsSpan(0, length);
        if (length == 0)
            throw new AttachmentRefusedException(AttachmentRefusal.Empty, "文件是空的，未保存。");
        if (ExecutableKind(bytes) is { } program)
            throw new AttachmentRefusedException(AttachmentRefusal.Executable,
                $"“{fileName}”的内容是{program}，不是文档或图片，不能上传。");

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var kind = ByMagic(bytes);
        if (kind is null && bytes.StartsWith("PK\u0003\u0004"u8))
            kind = IsOoxmlName(extension) ? OfficePackage(path, fileName) : throw new AttachmentRefusedException(AttachmentRefusal.WrongType,
                "不接受压缩包（.zip 等），请上传其中的文件本身。");
        if (kind is null && IsOle(bytes))
            kind = extension switch { ".xls" => FileKind.Xls, ".ppt" => FileKind.Ppt, _ => FileKind.Doc };
        if (kind is null && extension is ".txt" or ".csv")
        {
            await CheckTextAsync(path, ct);
            kind = extension == ".csv" ? FileKind.Csv : FileKind.Text;
        }
        if (kind is null)
            throw new AttachmentRefusedException(AttachmentRefusal.WrongType,
                $"无法识别“{fileName}”的文件类型，未保存。只能上传{FileKind.AllowedText}。");
        if (!kind.Extensions.Contains(extension))
            throw new AttachmentRefusedException(AttachmentRefusal.WrongType,
                $"“{fileName}”的扩展名与内容不符：内容是{kind.Label}（{string.Join(" 或 ", kind.Extensions)}），未保存。");
        return kind;
    }

    private static FileKind? ByMagic(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return FileKind.Png;
        if (b.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return FileKind.Jpeg;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return FileKind.Gif;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return FileKind.WebP;
        // "BM" alone is two letters any text may start with: the header size that follows must be a real one.
        if (b.Length >= 18 && b.StartsWith("BM"u8) && BitConverter.ToInt32(b[14..18]) is 12 or 40 or 52 or 56 or 64 or 108 or 124)
            return FileKind.Bmp;
        if (b.StartsWith("%PDF-"u8)) return FileKind.Pdf;
        return null;
    }

    private static bool IsOle(ReadOnlySpan<byte> b) => b.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 });

    private static bool IsOoxmlName(string extension) => extension is ".docx" or ".xlsx" or ".pptx";

    /// <summary>Programs and scripts, whatever their name says: Windows PE, ELF, Mach-O (and Java classes, which
    /// share the universal binary's magic), WebAssembly, and anything starting with a shebang.</summary>
    private static string? ExecutableKind(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("MZ"u8)) return "Windows 可执行程序";
        if (b.StartsWith("\u007FELF"u8)) return "Linux 可执行程序（ELF）";
        uint magic = b.Length >= 4 ? (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) : 0;
        if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE or 0xBEBAFECA) return "macOS 可执行程序（Mach-O）";
        if (b.StartsWith("\0asm"u8)) return "WebAssembly 程序";
        var text = b.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? b[3..] : b;
        if (text.StartsWith("#!"u8)) return "脚本程序";
        return null;
    }

    /// <summary>Reads an Office package's directory and inflates every part, counting: the declared sizes and the
    /// real ones must stay under the caps (a part may lie about its size), and the main part of the type must be
    /// there. Macro projects are refused.</summary>
    private FileKind OfficePackage(string path, string fileName)
    {
        var o = options.Value;
        var bad = new AttachmentRefusedException(AttachmentRefusal.BadPackage, $"“{fileName}”不是有效的 Office 文档（文件已损坏或被改名），未保存。");
        var bomb = new AttachmentRefusedException(AttachmentRefusal.BadPackage,
            $"“{fileName}”解压后过大或压缩比异常（可能是压缩炸弹），未保存。解压后最多 {AttachmentRefusedException.Megabytes(o.MaxUnpackedBytes)} MB。");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > o.MaxZipEntries) throw bomb;
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (declared > o.MaxUnpackedBytes || entry.Length > Math.Max(entry.CompressedLength, 1) * o.MaxCompressionRatio
                    && entry.Length > 1024 * 1024)
                    throw bomb;
            }
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml")) throw bad;
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                throw new AttachmentRefusedException(AttachmentRefusal.BadPackage, $"“{fileName}”含有宏，不能上传。请另存为不含宏的文档。");
            var kind = names.Contains("word/document.xml") ? FileKind.Docx
                : names.Contains("xl/workbook.xml") ? FileKind.Xlsx
                : names.Contains("ppt/presentation.xml") ? FileKind.Pptx
                : throw bad;

            long inflated = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                long partBytes = 0;
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    partBytes += read;
                    inflated += read;
                    if (inflated > o.MaxUnpackedBytes || partBytes > entry.Length) throw bomb;
                }
            }
            return kind;
        }
        catch (InvalidDataException)
        {
            throw bad;
        }
        catch (NotSupportedException)
        {
            throw bad;
        }
    }

    /// <summary>Text must decode as UTF-8 (a BOM allowed) from start to end and hold no NUL character.</summary>
    private static async Task CheckTextAsync(string path, CancellationToken ct)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[81920];
        var chars = new char[81920 + 4];
        await using var file = File.OpenRead(path);
        int read;
        try
        {
            while ((read = await file.ReadAsync(bytes, ct)) > 0)
            {
                if (bytes.AsSpan(0, read).Contains((byte)0))
                    throw new AttachmentRefusedException(AttachmentRefusal.BadText, "文本文件含有 NUL 字符（可能是二进制文件被改名），未保存。");
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw new AttachmentRefusedException(AttachmentRefusal.BadText, "文本文件必须是 UTF-8 编码，请另存为 UTF-8 后再上传。");
        }
    }
}
