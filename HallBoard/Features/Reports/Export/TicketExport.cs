using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Reports.Export;

/// <summary>
/// The raw ticket list as an Excel workbook of any size: rows are read one at a time and written as they come, so
/// neither the query nor the workbook is ever held whole in memory. Times are the hall's local time. Every export,
/// finished or not, is written to the audit log: it carries taxpayers' names out of the system.
/// </summary>
public sealed class TicketExport(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string SheetName = "工单明细";
    public const string AllHalls = "全部服务厅";

    /// <summary>Progress is reported after this many rows and once at the end, not for every row.</summary>
    public const int ProgressEvery = 500;

    public static IReadOnlyList<SheetColumn> Columns { get; } =
    [
        new("编号", 20), new("录入时间", 18), new("渠道", 16), new("业务类别", 16), new("服务类型", 10),
        new("优先级", 8), new("状态", 10), new("纳税人", 32), new("负责人", 10), new("响应时限", 18),
        new("解决时间", 18), new("满意度", 12), new("回访次数", 10),
    ];

    /// <summary>Rows per sheet, header included: Excel's limit; tests set fewer to see the rows go on in a new sheet.</summary>
    internal int RowsPerSheet { get; init; } = XlsxSheetWriter.ExcelMaxRows;

    private static readonly char[] NotInFileNames = [.. Path.GetInvalidFileNameChars(), '\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>Writes the workbook to <paramref name="output"/> and returns the number of ticket rows.</summary>
    /// <exception cref="ValidationFailedException">The date range is missing or reversed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the output then holds an unfinished file.</exception>
    public async Task<int> WriteAsync(ExportFilter filter, Stream output, Actor by, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var valid = filter.Validated();
        RowLoop? loop = null;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var command = Command(db, valid, SelectFor(db));
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            await using var sheet = await XlsxSheetWriter.StartAsync(output, SheetName, Columns, ct, RowsPerSheet);
            loop = new RowLoop(reader, sheet, time, progress);
            // The rows are written synchronously; the loop returns only when the gathered bytes are to be handed on.
            while (loop.WriteRows(ct)) await sheet.HandOnAsync(ct);
            await sheet.CompleteAsync(ct);
        }
        catch
        {
            await RecordAsync(by, valid, loop?.Rows ?? 0, finished: false);
            throw;
        }
        var rows = loop.Rows;
        await RecordAsync(by, valid, rows, finished: true);
        progress?.Report(rows);
        return rows;
    }

    /// <summary>
    /// The row loop, synchronous and outside the async method: no await per row, and with tiered compilation on it is
    /// compiled fully optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>). The app runs without
    /// tiering, as this alone did not bring a tiered export near the untiered one (docs/benchmarks.md, "Export").
    /// </summary>
    private sealed class RowLoop(DbDataReader reader, XlsxSheetWriter sheet, HallTime time, IProgress<int>? progress)
    {
        private readonly LocalDays _created = new(time);
        private readonly LocalDays _due = new(time);
        private readonly LocalDays _resolvedAt = new(time);

        /// <summary>Rows written so far.</summary>
        public int Rows { get; private set; }

        /// <summary>Writes rows until the reader ends (false) or the sheet has gathered enough to hand on (true).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool WriteRows(CancellationToken ct)
        {
            // Microsoft.Data.Sqlite reads synchronously in any case; Read() spares it a task per row. Npgsql reads ahead
            // in buffers, so its Read() blocks only when a buffer runs out.
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                sheet.StartRow();
                sheet.Text(reader.GetString(0));
                sheet.Time(_created.Of(reader, 1));
                sheet.Text(Label(ChannelLabels, reader, 2));
                sheet.Text(Label(CategoryLabels, reader, 3));
                sheet.Text(Label(KindLabels, reader, 4));
                sheet.Text(Label(PriorityLabels, reader, 5));
                sheet.Text(Label(StatusLabels, reader, 6));
                sheet.Text(reader.GetString(7));
                sheet.Text(reader.IsDBNull(8) ? null : reader.GetString(8));
                sheet.Time(_due.Of(reader, 9));
                sheet.Time(_resolvedAt.Of(reader, 10));
                sheet.Text(reader.IsDBNull(11) ? null : Label(RatingLabels, reader, 11));
                sheet.Number(reader.GetInt64(12));
                var handOn = sheet.EndRow();
                if (++Rows % ProgressEvery == 0) progress?.Report(Rows);
                if (handOn) return true;
            }
            return false;
        }
    }

    /// <summary>How many rows an export of <paramref name="filter"/> would hold now (for "rows written / total").</summary>
    public async Task<int> CountAsync(ExportFilter filter, CancellationToken ct = default)
    {
        var valid = filter.Validated();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = Command(db, valid, CountSelect);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private const string CountSelect = "SELECT COUNT(*) FROM \"Tickets\" AS t";

    /// <summary>"{hall}_工单明细_{from}-{to}.xlsx", e.g. 高新区税务局办税服务厅_工单明细_20260301-20260331.xlsx.</summary>
    public async Task<string> FileNameAsync(ExportFilter filter, CancellationToken ct = default)
    {
        if (filter.HallId is not int hallId) return FileName(AllHalls, filter.From, filter.To);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.Halls.Where(h => h.Id == hallId).Select(h => h.Name).FirstOrDefaultAsync(ct)
                   ?? throw new NotFoundException("办税服务厅不存在。");
        return FileName(name, filter.From, filter.To);
    }

    public static string FileName(string hallName, DateOnly from, DateOnly to)
    {
        var hall = string.Concat(hallName.Trim().Select(c => NotInFileNames.Contains(c) ? '_' : c));
        return string.Create(CultureInfo.InvariantCulture, $"{hall}_{SheetName}_{from:yyyyMMdd}-{to:yyyyMMdd}.xlsx");
    }

    // Plain ADO.NET on the (HallId, CreatedUtc) index, or (CreatedUtc, Id) for all halls: no entities, no change tracking. Times come as Julian days,
    // which are OLE Automation dates after a fixed shift: SQLite's julianday() of the stored UTC text, or PostgreSQL's
    // seconds since 1970 (Julian day 2440587.5) of the timestamptz. Enums come as their names.
    private static string Select(Func<string, string> julianDay) => $"""
        SELECT t."Number", {julianDay("t.\"CreatedUtc\"")}, t."Channel", t."Category", t."Kind", t."Priority", t."Status",
               t."TaxpayerName", e."Name", {julianDay("t.\"ResponseDueUtc\"")}, {julianDay("t.\"ResolvedUtc\"")}, s."Level",
               CAST(t."FollowUpAttempts" AS BIGINT)
        FROM "Tickets" AS t
        LEFT JOIN "Engineers" AS e ON e."Id" = t."AssigneeId"
        LEFT JOIN "Satisfactions" AS s ON s."TicketId" = t."Id"
        """;

    private static readonly string SqliteSelect = Select(column => $"julianday({column})");
    private static readonly string PostgresSelect = Select(column => $"(EXTRACT(EPOCH FROM {column})::float8 / 86400.0 + 2440587.5)");

    private static string SelectFor(HallDbContext db) => db.IsPostgres() ? PostgresSelect : SqliteSelect;

    private DbCommand Command(HallDbContext db, ExportFilter filter, string select)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        var where = new StringBuilder(" WHERE t.\"CreatedUtc\" >= @from AND t.\"CreatedUtc\" < @until");
        Add(command, "from", time.DayStartUtc(filter.From));
        Add(command, "until", time.DayStartUtc(filter.To.AddDays(1)));
        if (filter.HallId is int hall) { where.Append(" AND t.\"HallId\" = @hall"); Add(command, "hall", hall); }
        if (filter.Status is { } status) { where.Append(" AND t.\"Status\" = @status"); Add(command, "status", status.ToString()); }
        if (filter.Channel is { } channel) { where.Append(" AND t.\"Channel\" = @channel"); Add(command, "channel", channel.ToString()); }
        if (filter.Category is { } category) { where.Append(" AND t.\"Category\" = @category"); Add(command, "category", category.ToString()); }
        if (filter.EngineerId is int engineer) { where.Append(" AND t.\"AssigneeId\" = @engineer"); Add(command, "engineer", engineer); }
        var rows = select != CountSelect;
        command.CommandText = select + where + (rows ? " ORDER BY t.\"CreatedUtc\", t.\"Id\"" : "");
        return command;

        static void Add(DbCommand command, string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
    }

    private static Dictionary<string, string> LabelsOf<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => v.ToString(), label, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ChannelLabels = LabelsOf<Channel>(Labels.Of);
    private static readonly Dictionary<string, string> CategoryLabels = LabelsOf<Category>(Labels.Of);
    private static readonly Dictionary<string, string> KindLabels = LabelsOf<TicketKind>(Labels.Of);
    private static readonly Dictionary<string, string> PriorityLabels = LabelsOf<Priority>(Labels.Of);
    private static readonly Dictionary<string, string> StatusLabels = LabelsOf<TicketStatus>(Labels.Of);
    private static readonly Dictionary<string, string> RatingLabels = LabelsOf<SatisfactionLevel>(Labels.Of);

    private static string Label(Dictionary<string, string> labels, DbDataReader reader, int column)
    {
        var name = reader.GetString(column);
        return labels.TryGetValue(name, out var label) ? label : name;
    }

    /// <summary>
    /// UTC Julian days to local OLE Automation dates. The zone's offset is looked up once per quarter of an hour
    /// and reused while the rows stay in it (they come in time order), not converted row by row.
    /// </summary>
    private sealed class LocalDays(HallTime time)
    {
        private const double JulianDayOfOaZero = 2415018.5;
        private const double Quarters = 96;
        private long _quarter = long.MinValue;
        private double _offsetDays;

        public double? Of(DbDataReader reader, int column)
        {
            if (reader.IsDBNull(column)) return null;
            var utc = reader.GetDouble(column) - JulianDayOfOaZero;
            var quarter = (long)Math.Floor(utc * Quarters);
            if (quarter != _quarter)
            {
                var start = DateTime.SpecifyKind(DateTime.FromOADate(quarter / Quarters), DateTimeKind.Utc);
                _offsetDays = (time.ToLocal(start) - start).TotalDays;
                _quarter = quarter;
            }
            return utc + _offsetDays;
        }
    }

    private async Task RecordAsync(Actor by, ExportFilter filter, int rows, bool finished)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var what = JsonSerializer.Serialize(new
        {
            from = filter.From.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            to = filter.To.ToString(ExportFilter.DateFormat, CultureInfo.InvariantCulture),
            status = filter.Status?.ToString(),
            channel = filter.Channel?.ToString(),
            category = filter.Category?.ToString(),
            engineer = filter.EngineerId,
            rows,
            finished,
        });
        db.Audit(by, time.UtcNow, finished ? "导出工单明细" : "导出工单明细（未完成）", "TicketExport", null, null, what, filter.HallId);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
