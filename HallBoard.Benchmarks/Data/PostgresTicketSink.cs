using Npgsql;
using NpgsqlTypes;

namespace HallBoard.Benchmarks.Data;

/// <summary>
/// Writes generated rows into a migrated PostgreSQL database with binary COPY (the bulk path PostgreSQL offers;
/// row-by-row INSERTs would take the benchmark's set-up an hour). Ratings are held until the tickets are in, since one
/// connection runs one COPY at a time and a rating's ticket must exist first.
/// </summary>
public sealed class PostgresTicketSink : ITicketSink
{
    private static readonly string TicketCopy = $"COPY \"Tickets\" ({TicketColumns.Quoted}) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlConnection _connection;
    private readonly List<RatingRow> _ratings = [];
    private NpgsqlBinaryImporter? _tickets;
    private int _maxTicketId;

    private PostgresTicketSink(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresTicketSink> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new PostgresTicketSink(connection);
    }

    public async Task AddHallsAsync(int halls, Func<int, string> code, Func<int, string> name, int engineersPerHall)
    {
        for (var h = 1; h <= halls; h++)
        {
            await ExecAsync($"INSERT INTO \"Halls\" (\"Id\", \"Code\", \"Name\") VALUES ({h}, '{code(h)}', '{name(h)}');");
            for (var e = 1; e <= engineersPerHall; e++)
                await ExecAsync($"""
                    INSERT INTO "Engineers" ("Id", "HallId", "Name", "EmployeeNo", "IsActive")
                    VALUES ({(h - 1) * engineersPerHall + e}, {h}, '工程师{e}', 'E{e:00}', TRUE);
                    """);
        }
        await ExecAsync("""SELECT setval(pg_get_serial_sequence('"Halls"', 'Id'), (SELECT MAX("Id") FROM "Halls"));""");
        await ExecAsync("""SELECT setval(pg_get_serial_sequence('"Engineers"', 'Id'), (SELECT MAX("Id") FROM "Engineers"));""");
    }

    public async Task AddAsync(TicketRow t, RatingRow? r)
    {
        var copy = _tickets ??= await _connection.BeginBinaryImportAsync(TicketCopy);
        await copy.StartRowAsync();
        await copy.WriteAsync(t.Id, NpgsqlDbType.Integer);
        await copy.WriteAsync(t.HallId, NpgsqlDbType.Integer);
        await copy.WriteAsync(t.Number, NpgsqlDbType.Text);
        await copy.WriteAsync(t.CreatedUtc, NpgsqlDbType.TimestampTz);
        foreach (var text in new[] { t.Status, t.Channel, t.Category, t.Kind, t.Priority, t.TaxpayerName })
            await copy.WriteAsync(text, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, t.TaxpayerId, NpgsqlDbType.Text);
        await copy.WriteAsync(t.Description, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, t.AssigneeId, NpgsqlDbType.Integer);
        await copy.WriteAsync(t.ResponseDueUtc, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(t.ResolveDueUtc, NpgsqlDbType.TimestampTz);
        await WriteOrNullAsync(copy, t.TakenUtc, NpgsqlDbType.TimestampTz);
        await WriteOrNullAsync(copy, t.ResolvedUtc, NpgsqlDbType.TimestampTz);
        await WriteOrNullAsync(copy, t.Resolution, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, t.LastFollowUp, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, t.FollowedUpUtc, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync(t.FollowUpAttempts, NpgsqlDbType.Integer);
        await WriteOrNullAsync(copy, t.ClosedUtc, NpgsqlDbType.TimestampTz);
        await WriteOrNullAsync(copy, t.CloseReason, NpgsqlDbType.Text);
        await WriteOrNullAsync(copy, t.CloseNote, NpgsqlDbType.Text);
        await copy.WriteAsync(0, NpgsqlDbType.Integer);
        await copy.WriteAsync(t.Version, NpgsqlDbType.Integer);
        await copy.WriteAsync("bench", NpgsqlDbType.Text);
        await copy.WriteAsync(t.GuidedOnline, NpgsqlDbType.Boolean);
        await WriteOrNullAsync(copy, t.GuidanceSucceeded, NpgsqlDbType.Boolean);
        _maxTicketId = Math.Max(_maxTicketId, t.Id);
        if (r is not null) _ratings.Add(r);
    }

    public async Task CompleteAsync()
    {
        if (_tickets is not null)
        {
            await _tickets.CompleteAsync();
            await _tickets.DisposeAsync();
            _tickets = null;
            await ExecAsync($"""SELECT setval(pg_get_serial_sequence('"Tickets"', 'Id'), {Math.Max(1, _maxTicketId)});""");
        }
        foreach (var table in new[] { "Satisfactions", "TicketRatings" })
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" (\"TicketId\", \"Level\", \"Source\", \"AtUtc\") FROM STDIN (FORMAT BINARY)");
            foreach (var r in _ratings)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.TicketId, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Level, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Source, NpgsqlDbType.Text);
                await copy.WriteAsync(r.AtUtc, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        _ratings.Clear();
        await ExecAsync("ANALYZE;");
    }

    public async ValueTask DisposeAsync()
    {
        if (_tickets is not null) await _tickets.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null) await copy.WriteNullAsync();
        else await copy.WriteAsync(value, type);
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, _connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
