using System.Globalization;
using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HallBoard.Features.Reports.Export;

/// <summary>A column of a streamed sheet: its header and its width in characters.</summary>
public sealed record SheetColumn(string Header, double Width);

/// <summary>
/// Writes an .xlsx to a stream row by row, so memory stays flat however many rows come. A sheet that reaches Excel's
/// limit of 1,048,576 rows is closed and the rows go on in a new sheet ("工单明细 (2)") under the same header.
/// <para>Each worksheet is written with OpenXmlWriter straight into its own zip entry; SpreadsheetDocument then builds
/// the small parts (workbook, styles, relationships, content types) once the number of sheets is known. Written
/// through the SDK's package instead, a worksheet would stay in memory uncompressed until the package closes —
/// System.IO.Packaging on .NET opens a new package in zip update mode (dotnet/Open-XML-SDK#807) — which measured
/// 200 MB of heap for 100,000 rows.</para>
/// <para>OpenXmlWriter and ZipArchive write synchronously and ASP.NET Core refuses synchronous writes to a
/// response, so the zip's bytes gather in a small buffer that is handed to the output asynchronously between rows.</para>
/// </summary>
public sealed class XlsxSheetWriter : IAsyncDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int ExcelMaxRows = 1_048_576;

    private const uint HeaderStyle = 1;
    private const uint DateTimeStyle = 2;
    private const string DateTimeFormat = "yyyy-mm-dd hh:mm";
    private const string FontName = "等线";
    private const int HandOnAt = 64 * 1024;
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly Stream _output;
    private readonly PendingBytes _pending = new();
    private readonly ZipArchive _zip;
    private readonly string _sheetName;
    private readonly IReadOnlyList<SheetColumn> _columns;
    private readonly string[] _columnNames;
    private readonly int _rowsPerSheet;
    private readonly List<string> _sheetPaths = [];
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly CellValue _value = new();
    private Stream? _sheetEntry;
    private OpenXmlWriter? _xml;
    private string _rowNumber = "";
    private int _rowInSheet;
    private int _column;

    private XlsxSheetWriter(Stream output, string sheetName, IReadOnlyList<SheetColumn> columns, int rowsPerSheet)
    {
        if (rowsPerSheet is < 2 or > ExcelMaxRows) throw new ArgumentOutOfRangeException(nameof(rowsPerSheet));
        _output = output;
        _sheetName = sheetName;
        _columns = columns;
        _columnNames = Enumerable.Range(0, columns.Count).Select(ColumnName).ToArray();
        _rowsPerSheet = rowsPerSheet;
        _zip = new ZipArchive(_pending, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>Starts the workbook on <paramref name="output"/> with the bold, frozen header row of the first sheet.</summary>
    /// <param name="rowsPerSheet">Rows a sheet holds, header included, before the next sheet starts; Excel's limit unless a test needs less.</param>
    public static async Task<XlsxSheetWriter> StartAsync(Stream output, string sheetName, IReadOnlyList<SheetColumn> columns,
        CancellationToken ct, int rowsPerSheet = ExcelMaxRows)
    {
        var writer = new XlsxSheetWriter(output, sheetName, columns, rowsPerSheet);
        try
        {
            writer.BeginSheet();
            await writer._pending.HandOnAsync(output, ct);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    public void StartRow()
    {
        if (_rowInSheet == _rowsPerSheet)
        {
            EndSheet();
            BeginSheet();
        }
        StartRowOfSheet();
    }

    /// <summary>A text cell; nothing is written for null or empty text, so the cell stays blank.</summary>
    public void Text(string? value) => Text(value, 0);

    /// <summary>A local date and time shown as yyyy-mm-dd hh:mm; blank for null.</summary>
    public void Time(DateTime? local)
    {
        var reference = NextCell();
        if (local is not { } time) return;
        Attributes(("r", reference), ("s", DateTimeStyle.ToString(CultureInfo.InvariantCulture)));
        WriteValueCell(time.ToOADate().ToString("R", CultureInfo.InvariantCulture));
    }

    public void Number(long value)
    {
        Attributes(("r", NextCell()));
        WriteValueCell(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Ends the row and hands what has gathered to the output once there is enough of it.</summary>
    public async ValueTask EndRowAsync(CancellationToken ct)
    {
        Xml.WriteEndElement();
        if (_pending.Gathered >= HandOnAt) await _pending.HandOnAsync(_output, ct);
    }

    /// <summary>Closes the last sheet, writes the workbook's other parts and hands the rest to the output.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        EndSheet();
        WriteWorkbookParts();
        _zip.Dispose();
        await _pending.HandOnAsync(_output, ct);
        await _output.FlushAsync(ct);
    }

    public ValueTask DisposeAsync()
    {
        CloseSheet();
        _zip.Dispose();
        return ValueTask.CompletedTask;
    }

    private OpenXmlWriter Xml => _xml ?? throw new InvalidOperationException("No sheet is open.");

    private void BeginSheet()
    {
        var path = $"xl/worksheets/sheet{_sheetPaths.Count + 1}.xml";
        _sheetPaths.Add(path);
        _rowInSheet = 0;
        _sheetEntry = _zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        _xml = OpenXmlWriter.Create(_sheetEntry);
        _xml.WriteStartDocument();
        _xml.WriteStartElement(new Worksheet());
        _xml.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        _xml.WriteElement(new Columns(_columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = c.Width,
            CustomWidth = true,
        })));
        _xml.WriteStartElement(new SheetData());
        StartRowOfSheet();
        foreach (var column in _columns) Text(column.Header, HeaderStyle);
        _xml.WriteEndElement();
    }

    private void EndSheet()
    {
        Xml.WriteEndElement(); // sheetData
        Xml.WriteEndElement(); // worksheet
        CloseSheet();
    }

    private void StartRowOfSheet()
    {
        _rowInSheet++;
        _column = 0;
        _rowNumber = _rowInSheet.ToString(CultureInfo.InvariantCulture);
        Attributes(("r", _rowNumber));
        Xml.WriteStartElement(_row, _attributes);
    }

    private void Text(string? value, uint style)
    {
        var reference = NextCell();
        if (string.IsNullOrEmpty(value)) return;
        if (style == 0) Attributes(("r", reference), ("t", "inlineStr"));
        else Attributes(("r", reference), ("s", style.ToString(CultureInfo.InvariantCulture)), ("t", "inlineStr"));
        Xml.WriteStartElement(_cell, _attributes);
        Xml.WriteStartElement(_inline);
        var text = XmlSafe(value);
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            Xml.WriteStartElement(_text, [new OpenXmlAttribute("xml", "space", XmlNamespace, "preserve")]);
        else
            Xml.WriteStartElement(_text);
        Xml.WriteString(text);
        Xml.WriteEndElement();
        Xml.WriteEndElement();
        Xml.WriteEndElement();
    }

    private void WriteValueCell(string value)
    {
        Xml.WriteStartElement(_cell, _attributes);
        Xml.WriteStartElement(_value);
        Xml.WriteString(value);
        Xml.WriteEndElement();
        Xml.WriteEndElement();
    }

    private string NextCell()
    {
        if (_column >= _columnNames.Length) throw new InvalidOperationException("More cells than columns in a row.");
        return _columnNames[_column++] + _rowNumber;
    }

    private void Attributes(params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        _attributes.Clear();
        foreach (var (name, value) in attributes) _attributes.Add(new OpenXmlAttribute("", name, "", value));
    }

    private void CloseSheet()
    {
        _xml?.Dispose();
        _xml = null;
        _sheetEntry?.Dispose();
        _sheetEntry = null;
    }

    /// <summary>
    /// The workbook, styles, relationships and content types, built by the SDK in memory (a few kilobytes) around
    /// empty worksheets, then copied without those worksheets: the written ones stand at the same paths.
    /// </summary>
    private void WriteWorkbookParts()
    {
        using var package = new MemoryStream();
        var sheetPaths = new List<string>();
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = new Sheets();
            for (var n = 1; n <= _sheetPaths.Count; n++)
            {
                var sheet = workbook.AddNewPart<WorksheetPart>();
                sheet.Worksheet = new Worksheet(new SheetData());
                sheets.Append(new Sheet { Name = n == 1 ? _sheetName : $"{_sheetName} ({n})", SheetId = (uint)n, Id = workbook.GetIdOfPart(sheet) });
                sheetPaths.Add(sheet.Uri.OriginalString.TrimStart('/'));
            }
            workbook.Workbook = new Workbook(sheets);
        }
        if (!sheetPaths.SequenceEqual(_sheetPaths))
            throw new InvalidOperationException($"The SDK placed the worksheets at {string.Join(", ", sheetPaths)}, not where they were written.");
        package.Position = 0;
        using var parts = new ZipArchive(package, ZipArchiveMode.Read);
        foreach (var part in parts.Entries.Where(p => !_sheetPaths.Contains(p.FullName)))
        {
            using var from = part.Open();
            using var to = _zip.CreateEntry(part.FullName, CompressionLevel.Optimal).Open();
            from.CopyTo(to);
        }
    }

    /// <summary>Style 0 plain, 1 bold header, 2 local date and time.</summary>
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = DateTimeFormat }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = FontName }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = FontName })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Characters XML cannot carry (control codes pasted from elsewhere) become U+FFFD instead of failing the export.</summary>
    private static string XmlSafe(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { i++; continue; }
            (copy ??= text.ToCharArray())[i] = '\uFFFD';
        }
        return copy is null ? text : new string(copy);
    }

    /// <summary>A write-only stream that gathers what the synchronous zip writer writes until it is handed on.</summary>
    private sealed class PendingBytes : Stream
    {
        private readonly MemoryStream _bytes = new();

        public long Gathered => _bytes.Length;

        public async ValueTask HandOnAsync(Stream output, CancellationToken ct)
        {
            if (_bytes.Length == 0) return;
            await output.WriteAsync(_bytes.GetBuffer().AsMemory(0, (int)_bytes.Length), ct);
            _bytes.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _bytes.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _bytes.Write(buffer);
        public override void WriteByte(byte value) => _bytes.WriteByte(value);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
