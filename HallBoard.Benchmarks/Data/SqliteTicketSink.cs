using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HallBoard.Benchmarks.Data;

/// <summary>Writes generated rows into a migrated SQLite file with prepared INSERTs in one transaction, journal off.</summary>
public sealed class SqliteTicketSink : ITicketSink
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _tx;
    private SqliteCommand? _ticket, _rating;

    private SqliteTicketSink(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteTicketSink> OpenAsync(string path)
    {
        SqliteConnection.ClearAllPools(); // the journal mode changes only when no other connection holds the file
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Exec(connection, null, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;");
        return new SqliteTicketSink(connection);
    }

    public Task AddHallsAsync(int halls, Func<int, string> code, Func<int, string> name, int engineersPerHall)
    {
        for (var h = 1; h <= halls; h++)
        {
            Exec(_connection, null, $"INSERT INTO \"Halls\" (\"Id\", \"Code\", \"Name\") VALUES ({h}, '{code(h)}', '{name(h)}');");
            for (var e = 1; e <= engineersPerHall; e++)
                Exec(_connection, null, $"""
                    INSERT INTO "Engineers" ("Id", "HallId", "Name", "EmployeeNo", "IsActive")
                    VALUES ({(h - 1) * engineersPerHall + e}, {h}, '工程师{e}', 'E{e:00}', 1);
                    """);
        }
        return Task.CompletedTask;
    }

    public Task AddAsync(TicketRow t, RatingRow? r)
    {
        if (_ticket is null) Prepare();
        object?[] values =
        [
            t.Id, t.HallId, t.Number, Text(t.CreatedUtc), t.Status, t.Channel, t.Category, t.Kind, t.Priority, t.TaxpayerName,
            t.TaxpayerId, t.Description, t.AssigneeId, Text(t.ResponseDueUtc), Text(t.ResolveDueUtc), Text(t.TakenUtc),
            Text(t.ResolvedUtc), t.Resolution, t.LastFollowUp, Text(t.FollowedUpUtc), t.FollowUpAttempts, Text(t.ClosedUtc),
            t.CloseReason, t.CloseNote, 0, t.Version, "bench", t.GuidedOnline ? 1 : 0,
            t.GuidanceSucceeded is { } ok ? (ok ? 1 : 0) : null,
        ];
        for (var i = 0; i < values.Length; i++) _ticket!.Parameters[i].Value = values[i] ?? DBNull.Value;
        _ticket!.ExecuteNonQuery();
        if (r is not null)
        {
            object[] rating = [r.TicketId, r.Level, r.Source, Text(r.AtUtc)!];
            for (var i = 0; i < rating.Length; i++) _rating!.Parameters[i].Value = rating[i];
            _rating!.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        _tx?.Commit();
        _tx = null;
        Exec(_connection, null, "PRAGMA journal_mode=WAL; ANALYZE;");
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _ticket?.Dispose();
        _rating?.Dispose();
        _tx?.Dispose();
        await _connection.DisposeAsync();
    }

    private void Prepare()
    {
        _tx = _connection.BeginTransaction();
        _ticket = _connection.CreateCommand();
        _ticket.Transaction = _tx;
        _ticket.CommandText = $"INSERT INTO \"Tickets\" ({TicketColumns.Quoted}) " +
                              $"VALUES ({string.Join(", ", TicketColumns.Names.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < TicketColumns.Names.Length; i++) _ticket.Parameters.Add(new SqliteParameter($"$p{i}", null));
        _ticket.Prepare();
        _rating = _connection.CreateCommand();
        _rating.Transaction = _tx;
        _rating.CommandText = """
            INSERT INTO "Satisfactions" ("TicketId", "Level", "Comment", "Source", "AtUtc") VALUES ($p0, $p1, NULL, $p2, $p3);
            INSERT INTO "TicketRatings" ("TicketId", "Level", "Comment", "Source", "AtUtc") VALUES ($p0, $p1, NULL, $p2, $p3);
            """;
        for (var i = 0; i < 4; i++) _rating.Parameters.Add(new SqliteParameter($"$p{i}", null));
        _rating.Prepare();
    }

    /// <summary>The text EF Core's SQLite provider stores a DateTime as.</summary>
    private static string? Text(DateTime? utc) =>
        utc?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static void Exec(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
