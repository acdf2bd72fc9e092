using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HallBoard.Features.Reports.Export;

/// <summary>A column of a streamed sheet: its header and its width in characters.</summary>
public sealed record SheetColumn(string Header, double Width);

/// <summary>
/// Writes an .xlsx to a stream row by row, so memory stays flat however many rows come. A sheet that reaches Excel's
/// limit of 1,048,576 rows is closed and the rows go on in a new sheet ("工单明细 (2)") under the same header.
/// <para>Each worksheet's XML is written as UTF-8 bytes into a reused buffer (cell references from precomputed column
/// letters and the row's digits, inline strings so no shared-string table grows, numbers formatted straight into the
/// buffer) and handed to its zip entry compressed with <see cref="CompressionLevel.Fastest"/>. An XML writer or the
/// SDK's OpenXmlWriter costs several times as much per cell; the escaping rules are few and kept here
/// (&amp;, &lt;, &gt;; characters XML cannot carry become U+FFFD; leading or trailing blanks are preserved).</para>
/// <para>SpreadsheetDocument builds the small parts (workbook, styles, relationships, content types) once the number
/// of sheets is known. Written through the SDK's package instead, a worksheet would stay in memory uncompressed until
/// the package closes (dotnet/Open-XML-SDK#807).</para>
/// <para>ZipArchive writes synchronously and ASP.NET Core refuses synchronous writes to a response, so the zip's
/// bytes gather in a small buffer that is handed to the output asynchronously between rows.</para>
/// </summary>
public sealed class XlsxSheetWriter : IAsyncDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int ExcelMaxRows = 1_048_576;

    private const string DateTimeFormat = "yyyy-mm-dd hh:mm";
    private const string FontName = "等线";
    private const int HandOnAt = 64 * 1024;
    private const int BufferSize = 64 * 1024;

    // Characters that need more than a plain UTF-8 copy: markup, and those XML 1.0 cannot carry.
    private static readonly SearchValues<char> NeedsCare = SearchValues.Create(
        "&<>\uFFFE\uFFFF\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly Stream _output;
    private readonly PendingBytes _pending = new();
    private readonly ZipArchive _zip;
    private readonly string _sheetName;
    private readonly IReadOnlyList<SheetColumn> _columns;
    private readonly byte[][] _cellOpen; // "<c r=\"A" per column: the row's digits follow
    private readonly int _rowsPerSheet;
    private readonly List<string> _sheetPaths = [];
    private readonly byte[] _rowDigits = new byte[12];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;
    private int _rowDigitCount;
    private Stream? _sheetEntry;
    private int _rowInSheet;
    private int _column;

    private XlsxSheetWriter(Stream output, string sheetName, IReadOnlyList<SheetColumn> columns, int rowsPerSheet)
    {
        if (rowsPerSheet is < 2 or > ExcelMaxRows) throw new ArgumentOutOfRangeException(nameof(rowsPerSheet));
        _output = output;
        _sheetName = sheetName;
        _columns = columns;
        _cellOpen = Enumerable.Range(0, columns.Count).Select(i => Encoding.ASCII.GetBytes($"<c r=\"{ColumnName(i)}")).ToArray();
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
    public void Text(string? value) => Text(value, header: false);

    /// <summary>A local date and time shown as yyyy-mm-dd hh:mm; blank for null.</summary>
    public void Time(DateTime? local) => Time(local is { } t ? t.ToOADate() : null);

    /// <summary>A local date and time given as an OLE Automation date (days since 1899-12-30); blank for null.</summary>
    public void Time(double? localOaDate)
    {
        var column = _column++;
        if (localOaDate is not { } value) return;
        CellStart(column);
        Ascii("\" s=\"2\"><v>"u8);
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
        _length += written;
        Ascii("</v></c>"u8);
    }

    public void Number(long value)
    {
        var column = _column++;
        CellStart(column);
        Ascii("\"><v>"u8);
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        Ascii("</v></c>"u8);
    }

    /// <summary>Ends the row and hands what has gathered to the output once there is enough of it.</summary>
    public async ValueTask EndRowAsync(CancellationToken ct)
    {
        if (EndRow()) await HandOnAsync(ct);
    }

    /// <summary>Ends the row without handing anything on: true when enough has gathered that the caller should
    /// <see cref="HandOnAsync"/> before the next row (for a synchronous row loop that awaits only then).</summary>
    public bool EndRow()
    {
        if (_column > _columns.Count) throw new InvalidOperationException("More cells than columns in a row.");
        Ascii("</row>"u8);
        if (_length >= BufferSize - 8 * 1024) FlushBuffer();
        return _pending.Gathered >= HandOnAt;
    }

    /// <summary>Hands what the zip writer has gathered to the output.</summary>
    public ValueTask HandOnAsync(CancellationToken ct) => _pending.HandOnAsync(_output, ct);

    /// <summary>Closes the last sheet, adds the workbook parts and writes the zip's directory.</summary>
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
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        return ValueTask.CompletedTask;
    }

    private void BeginSheet()
    {
        var path = $"xl/worksheets/sheet{_sheetPaths.Count + 1}.xml";
        _sheetPaths.Add(path);
        _rowInSheet = 0;
        _sheetEntry = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        var head = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
            .Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            .Append("<sheetViews><sheetView workbookViewId=\"0\">")
            .Append("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            .Append("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
            .Append("</sheetView></sheetViews><cols>");
        for (var i = 0; i < _columns.Count; i++)
            head.Append(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{_columns[i].Width.ToString("R", CultureInfo.InvariantCulture)}\" customWidth=\"1\"/>");
        head.Append("</cols><sheetData>");
        Utf8(head.ToString());
        StartRowOfSheet();
        foreach (var column in _columns) Text(column.Header, header: true);
        Ascii("</row>"u8);
        FlushBuffer();
    }

    private void EndSheet()
    {
        Ascii("</sheetData></worksheet>"u8);
        FlushBuffer();
        CloseSheet();
    }

    private void StartRowOfSheet()
    {
        _rowInSheet++;
        _column = 0;
        _rowInSheet.TryFormat(_rowDigits, out _rowDigitCount, default, CultureInfo.InvariantCulture);
        Ascii("<row r=\""u8);
        Ascii(_rowDigits.AsSpan(0, _rowDigitCount));
        Ascii("\">"u8);
    }

    private void Text(string? value, bool header)
    {
        var column = _column++;
        if (string.IsNullOrEmpty(value)) return;
        CellStart(column);
        Ascii(header ? "\" s=\"1\" t=\"inlineStr\"><is>"u8 : "\" t=\"inlineStr\"><is>"u8);
        Ascii(char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? "<t xml:space=\"preserve\">"u8 : "<t>"u8);
        Escaped(value);
        Ascii("</t></is></c>"u8);
    }

    private void CellStart(int column)
    {
        if (column >= _cellOpen.Length) throw new InvalidOperationException("More cells than columns in a row.");
        Ascii(_cellOpen[column]);
        Ascii(_rowDigits.AsSpan(0, _rowDigitCount));
    }

    private void Ascii(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>Text content: lone surrogates become U+FFFD by the encoder, control characters by hand, markup escaped.</summary>
    private void Escaped(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var at = text.IndexOfAny(NeedsCare);
            if (at < 0)
            {
                Utf8(text);
                return;
            }
            Utf8(text[..at]);
            Ascii(text[at] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => "\uFFFD"u8,
            });
            text = text[(at + 1)..];
        }
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        FlushBuffer();
        if (bytes <= _buffer.Length) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(bytes);
    }

    private void FlushBuffer()
    {
        if (_length == 0) return;
        var entry = _sheetEntry ?? throw new InvalidOperationException("No sheet is open.");
        entry.Write(_buffer, 0, _length);
        _length = 0;
    }

    private void CloseSheet()
    {
        _length = 0;
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
        using (var document = SpreadsheetDocument.Create(package, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
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
            using var to = _zip.CreateEntry(part.FullName, CompressionLevel.Fastest).Open();
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
