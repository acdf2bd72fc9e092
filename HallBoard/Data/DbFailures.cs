using HallBoard.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HallBoard.Data;

/// <summary>
/// What a failed save means for the user. Only a lost version check is "changed by someone else"; a unique
/// clash says which rule, a busy database asks to retry, and anything else stays a server error (not caught).
/// </summary>
public static class DbFailures
{
    private const int Busy = 5, Locked = 6, Constraint = 19;
    private const int UniqueConstraint = 2067, PrimaryKeyConstraint = 1555;

    // PostgreSQL's SQLSTATEs: a transaction that lost to a concurrent one, or a lock it could not get, may simply be retried.
    private static readonly string[] PostgresBusy =
        [PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.LockNotAvailable];

    /// <summary>True for the failures <see cref="Translate"/> turns into a message.</summary>
    public static bool IsKnown(DbUpdateException error) =>
        error is DbUpdateConcurrencyException || IsBusy(error) || IsDuplicate(error);

    public static HallBoardException Translate(DbUpdateException error, Func<HallBoardException> conflict,
        string duplicate = "与已有记录重复，未保存。请刷新后再试。") =>
        error is DbUpdateConcurrencyException ? conflict()
        : IsBusy(error) ? new BusyException()
        : IsDuplicate(error) ? new DuplicateException(duplicate)
        : throw new InvalidOperationException("Not a known save failure.", error);

    /// <summary>SQLITE_BUSY / SQLITE_LOCKED, or PostgreSQL's serialization failure, deadlock or lock not available,
    /// anywhere in the chain: another writer was in the way.</summary>
    public static bool IsBusy(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: Busy or Locked }
                || e is PostgresException pg && PostgresBusy.Contains(pg.SqlState)) return true;
        return false;
    }

    private static bool IsDuplicate(Exception error)
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: Constraint } s
                && s.SqliteExtendedErrorCode is UniqueConstraint or PrimaryKeyConstraint
                || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }
}
