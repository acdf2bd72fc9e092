using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Security;

/// <summary>A failed save is reported as what happened: only a lost version check is "changed by someone else".</summary>
public sealed class DbFailuresTests
{
    /// <summary>The error SQLite itself raises for a unique clash, wrapped as EF Core wraps it.</summary>
    private static DbUpdateException UniqueClash()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE Ratings (TicketId INTEGER NOT NULL UNIQUE); INSERT INTO Ratings VALUES (1); INSERT INTO Ratings VALUES (1);";
        var sqlite = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        return new DbUpdateException("An error occurred while saving the entity changes.", sqlite);
    }

    private static async Task<(int Status, JsonElement Body, string? RetryAfter)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, body.RootElement.Clone(), context.Response.Headers.RetryAfter.FirstOrDefault());
    }

    [Fact]
    public async Task A_unique_clash_is_a_409_that_names_the_rule_not_already_modified()
    {
        var clash = UniqueClash();
        Assert.True(DbFailures.IsKnown(clash));

        var error = DbFailures.Translate(clash, () => new ConcurrencyConflictException(), "该工单已有评价。");

        var duplicate = Assert.IsType<DuplicateException>(error);
        var (status, body, _) = await ExecuteAsync(ApiProblems.For(duplicate));
        Assert.Equal(409, status);
        Assert.Equal("该工单已有评价。", body.GetProperty("detail").GetString());
        Assert.DoesNotContain("已被他人修改", body.GetRawText());
    }

    [Fact]
    public async Task A_lost_version_check_is_the_conflict_and_busy_is_a_503_with_retry_after()
    {
        var conflict = DbFailures.Translate(new DbUpdateConcurrencyException("stale"), () => new ConcurrencyConflictException());
        Assert.Equal("该工单已被他人修改，请刷新后再试。", conflict.Message);

        var busy = new DbUpdateException("save", new SqliteException("database is locked", 5, 5));
        var (status, body, retryAfter) = await ExecuteAsync(ApiProblems.For(DbFailures.Translate(busy, () => new ConcurrencyConflictException())));
        Assert.Equal(503, status);
        Assert.Equal("系统繁忙，请稍后重试。", body.GetProperty("detail").GetString());
        Assert.Equal("2", retryAfter);
    }

    [Fact]
    public void Any_other_save_failure_is_not_taken_for_a_conflict()
    {
        var foreignKey = new DbUpdateException("save", new SqliteException("FOREIGN KEY constraint failed", 19, 787));

        Assert.False(DbFailures.IsKnown(foreignKey));
    }

    [Fact]
    public void On_PostgreSQL_a_unique_violation_is_a_duplicate_and_a_lost_serialization_or_lock_is_busy()
    {
        static DbUpdateException Failed(string sqlState) =>
            new("save", new PostgresException("failed", "ERROR", "ERROR", sqlState));

        Assert.IsType<DuplicateException>(DbFailures.Translate(Failed(PostgresErrorCodes.UniqueViolation), () => new ConcurrencyConflictException()));
        foreach (var busy in new[] { PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.LockNotAvailable })
            Assert.IsType<BusyException>(DbFailures.Translate(Failed(busy), () => new ConcurrencyConflictException()));
        Assert.False(DbFailures.IsKnown(Failed(PostgresErrorCodes.ForeignKeyViolation)));
    }
}
