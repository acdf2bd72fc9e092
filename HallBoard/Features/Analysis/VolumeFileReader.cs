using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

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

    private const int Columns = 6;

    /// <summary>What an .xlsx may hold once unpacked, in all its parts: a full template of <see cref="MaxRows"/> rows is under 1 MB.</summary>
    public const long MaxUnpackedBytes = 20L * 1024 * 1024;

    public const int MaxSharedStrings = (MaxRows + 1) * Columns;

    private const int MaxEntries = 100;

    private const int MaxCsvRecordBytes = 64 * 1024;

    static VolumeFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<RawRow> Read(byte[] bytes, string? fileName)
    {
        if (bytes.Length == 0) throw new VolumeFileRefused("文件是空的");
        if (StartsWith(bytes, [0x50, 0x4B, 0x03, 0x04])) return ReadXlsx(bytes);
        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
            throw new VolumeFileRefused("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入");
        if (LooksBinary(bytes))
            throw new VolumeFileRefused($"“{fileName}”不是表格文件：请上传 Excel（.xlsx）或 CSV 文件（可先下载模板）");
        return ReadCsv(bytes);
    }

    private static IReadOnlyList<RawRow> ReadXlsx(byte[] bytes)
    {
        try
        {
            CheckPackage(bytes);
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new VolumeFileRefused("文件不是有效的 Excel 工作簿");
            var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                        ?? throw new VolumeFileRefused("工作簿中没有工作表");
            // A <sheet> without r:id (or with an id of no part) names no worksheet: refuse, do not dereference.
            if (first.Id?.Value is not { Length: > 0 } id || !workbook.Parts.Any(p => p.RelationshipId == id)
                || workbook.GetPartById(id) is not WorksheetPart sheet)
                throw new VolumeFileRefused("第一个工作表不是数据表（工作簿结构不完整），请在 Excel 中另存为 .xlsx 后再导入");
            return ReadSheet(sheet, SharedStrings(workbook));
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException
            or KeyNotFoundException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new VolumeFileRefused("文件已损坏或不是有效的 Excel（.xlsx）文件");
        }
    }

    /// <summary>A zip bomb is refused by what its entries say they hold, before any of it is inflated; what an entry
    /// really inflates to is checked while it is read (System.IO.Compression stops at the declared length).</summary>
    private static void CheckPackage(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxEntries) throw new VolumeFileRefused($"工作簿包含的部件过多（超过 {MaxEntries} 个），请另存为只含一个工作表的 .xlsx");
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > MaxUnpackedBytes || total > MaxUnpackedBytes)
                throw new VolumeFileRefused($"工作簿解压后超过 {MaxUnpackedBytes / 1024 / 1024} MB 上限，请只保留业务量数据后再导入");
        }
    }

    /// <summary>The shared strings, read one at a time and capped: a volume table needs a few thousand at most.</summary>
    private static string[] SharedStrings(WorkbookPart workbook)
    {
        if (workbook.SharedStringTablePart is not { } part) return [];
        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement) continue;
            if (strings.Count >= MaxSharedStrings)
                throw new VolumeFileRefused($"工作簿中的文本过多（超过 {MaxSharedStrings:N0} 项），请只保留业务量数据后再导入");
            strings.Add(reader.LoadCurrentElement()!.InnerText);
        }
        return [.. strings];
    }

    private static List<RawRow> ReadSheet(WorksheetPart sheet, string[] shared)
    {
        var rows = new List<RawRow>();
        var counted = 0;
        using var reader = OpenXmlReader.Create(sheet);
        RawCell[]? cells = null;
        var rowNumber = 0;
        var nextColumn = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                    rowNumber = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : rowNumber + 1;
                    cells = new RawCell[Columns];
                    nextColumn = 0;
                }
                else if (cells is not null)
                {
                    Add(rows, new RawRow(rowNumber, cells), ref counted);
                    cells = null;
                }
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && cells is not null)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextColumn;
                nextColumn = column + 1;
                if (column < Columns) cells[column] = Value(cell, shared);
            }
        }
        return rows;
    }

    private static RawCell Value(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return new RawCell(int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : null, null);
        if (type == CellValues.InlineString) return new RawCell(cell.InlineString?.InnerText, null);
        if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error || type == CellValues.Date)
            return new RawCell(raw, null);
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new RawCell(raw, number)
            : new RawCell(raw, null);
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
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
    private static void Add(List<RawRow> rows, RawRow row, ref int counted)
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
