using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HallBoard.Features.Analysis;

/// <summary>The first worksheet of an .xlsx, read row by row, within the caps of <see cref="VolumeFileReader"/>.</summary>
internal static class VolumeXlsxReader
{
    public static IReadOnlyList<RawRow> Read(byte[] bytes)
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
        if (zip.Entries.Count > VolumeFileReader.MaxEntries) throw new VolumeFileRefused($"工作簿包含的部件过多（超过 {VolumeFileReader.MaxEntries} 个），请另存为只含一个工作表的 .xlsx");
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (entry.Length > VolumeFileReader.MaxUnpackedBytes || total > VolumeFileReader.MaxUnpackedBytes)
                throw new VolumeFileRefused($"工作簿解压后超过 {VolumeFileReader.MaxUnpackedBytes / 1024 / 1024} MB 上限，请只保留业务量数据后再导入");
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
            if (strings.Count >= VolumeFileReader.MaxSharedStrings)
                throw new VolumeFileRefused($"工作簿中的文本过多（超过 {VolumeFileReader.MaxSharedStrings:N0} 项），请只保留业务量数据后再导入");
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
                    cells = new RawCell[VolumeFileReader.Columns];
                    nextColumn = 0;
                }
                else if (cells is not null)
                {
                    VolumeFileReader.Add(rows, new RawRow(rowNumber, cells), ref counted);
                    cells = null;
                }
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && cells is not null)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : nextColumn;
                nextColumn = column + 1;
                if (column < VolumeFileReader.Columns) cells[column] = Value(cell, shared);
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
}
