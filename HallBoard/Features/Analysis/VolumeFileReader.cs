using System.Globalization;
using System.Text;
using CsvHelper;

namespace HallBoard.Features.Analysis;

/// <summary>A cell as read: its text, and its number when the spreadsheet stored one.</summary>
public readonly record struct RawCell(string? Text, double? Number)
{
    public bool IsBlank => Number is null && string.IsNullOrWhiteSpace(Text);
}

/// <summary>A row as read, numbered as the spreadsheet numbers it (the header is row 1).</summary>
public sealed record RawRow(int Number, IReadOnlyList<RawCell> Cells)
{
    public RawCell this[int column] => column < Cells.Count ? Cells[column] : default;
    public bool IsBlank => Cells.All(c => c.IsBlank);
}

/// <summary>The file cannot be read as a volume table at all; the message says why, in Chinese.</summary>
public sealed class VolumeFileRefused(string message) : Exception(message);

/// <summary>
/// Reads the rows of an uploaded volume file: an .xlsx (first worksheet) or a CSV in UTF-8 (with or without BOM) or
/// GB18030 (what Excel on a Chinese Windows saves). The kind is told by the bytes, not by the file's name.
/// </summary>
public static class VolumeFileReader
{
    /// <summary>Data rows a file may hold: ten years of days is plenty.</summary>
    public const int MaxRows = 3_700;

    internal const int Columns = 6;

    /// <summary>What an .xlsx may hold once unpacked, in all its parts: a full template of <see cref="MaxRows"/> rows is under 1 MB.</summary>
    public const long MaxUnpackedBytes = 20L * 1024 * 1024;

    public const int MaxSharedStrings = (MaxRows + 1) * Columns;

    internal const int MaxEntries = 100;

    private const int MaxCsvRecordBytes = 64 * 1024;

    static VolumeFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<RawRow> Read(byte[] bytes, string? fileName)
    {
        if (bytes.Length == 0) throw new VolumeFileRefused("文件是空的");
        if (StartsWith(bytes, [0x50, 0x4B, 0x03, 0x04])) return VolumeXlsxReader.Read(bytes);
        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
            throw new VolumeFileRefused("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入");
        if (LooksBinary(bytes))
            throw new VolumeFileRefused($"“{fileName}”不是表格文件：请上传 Excel（.xlsx）或 CSV 文件（可先下载模板）");
        return ReadCsv(bytes);
    }

    private static List<RawRow> ReadCsv(byte[] bytes)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = false, SkipEmptyLines = false, TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow, MaxRecordSize = MaxCsvRecordBytes,
        };
        var rows = new List<RawRow>();
        var counted = 0;
        try
        {
            using var reader = CsvReader.FromText(Decode(bytes), options);
            while (reader.Read())
            {
                var cells = new RawCell[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = new RawCell(reader.GetString(i), null);
                Add(rows, new RawRow((int)reader.LineNumber, cells), ref counted);
            }
        }
        catch (CsvFormatException)
        {
            throw new VolumeFileRefused("CSV 文件格式有误（引号不成对或某行过长），请用下载的模板重新填写");
        }
        return rows;
    }

    /// <summary>Blank rows count toward the cap too: a file of a million empty lines is refused, not walked through.</summary>
    internal static void Add(List<RawRow> rows, RawRow row, ref int counted)
    {
        if (++counted > MaxRows + 1) throw new VolumeFileRefused($"文件数据超过 {MaxRows:N0} 行上限（空行也计入），请分批导入");
        if (!row.IsBlank) rows.Add(row);
    }

    private static string Decode(byte[] bytes)
    {
        if (StartsWith(bytes, [0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>Text files have no NUL bytes and few control characters; images, PDFs and archives do.</summary>
    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (sample.StartsWith("%PDF"u8)) return true;
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D)) control++;
        }
        return control > sample.Length / 100;
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> magic) => bytes.AsSpan().StartsWith(magic);
}
