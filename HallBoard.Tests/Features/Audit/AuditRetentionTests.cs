using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Audit;

/// <summary>Retention as the auditor relies on it: the daily purge archives old rows to a file before it deletes them,
/// never touches a row younger than the retention, and leaves a chain that still verifies.</summary>
public sealed class AuditRetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin-id", "系统管理员") { AllHalls = true, Roles = new HashSet<string> { Roles.Admin } };

    private sealed class RetentionApp : HallAppFactory
    {
        public string Archive { get; } = Path.Combine(Path.GetTempPath(), $"hallboard-archive-{Guid.NewGuid():N}");

        public RetentionApp()
        {
            Clock = new FakeTimeProvider(Start);
            Settings["Audit:ArchivePath"] = Archive;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(Archive)) Directory.Delete(Archive, recursive: true);
        }
    }

    [Fact]
    public async Task The_daily_purge_archives_rows_past_184_days_keeps_younger_ones_and_the_chain_still_verifies()
    {
        await using var app = new RetentionApp();
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var old = await app.Get<TicketCommands>().IntakeAsync(hall.Id, AuditChainTests.Draft(), eng, takeNow: true);
        var oldRows = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        app.Clock!.Advance(TimeSpan.FromHours(2));
        var young = await app.Get<TicketCommands>().IntakeAsync(hall.Id, AuditChainTests.Draft(), eng, takeNow: true);

        // 184 days and an hour after the first rows, an hour short of 184 days after the second: the day's run
        // archives the first and keeps the second.
        app.Clock.Advance(TimeSpan.FromDays(184) - TimeSpan.FromHours(1));
        // The audit entry the purge writes after it committed is the sign that the daily run is over.
        var purge = await Eventually.ReadAsync(
            () => app.WithDbAsync(db => db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Action == "清理审计日志")), e => e is not null);
        Assert.NotNull(purge);

        var archive = Assert.Single(Directory.GetFiles(app.Archive, "*.jsonl"));
        Assert.Equal(Path.GetFileName(archive), purge.EntityId);
        var archived = File.ReadAllLines(archive).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(oldRows, archived.Count);
        Assert.Contains(archived, a => a.GetProperty("EntityId").GetString() == old.Number && a.GetProperty("Hash").GetString() is { Length: 64 });
        Assert.Contains($"已归档并删除 {oldRows} 条", purge.After);

        var kept = await app.WithDbAsync(db => db.AuditEntries.Select(a => a.EntityId).ToListAsync());
        Assert.DoesNotContain(old.Number, kept);
        Assert.Contains(young.Number, kept);
        var verified = await app.Get<AuditVerifier>().VerifyAsync(Admin);
        Assert.True(verified.Intact, verified.Message(app.Get<HallBoard.Hosting.HallTime>()));
    }

    [Fact]
    public async Task A_retention_under_184_days_stops_the_app_with_the_reason()
    {
        await using var app = new HallAppFactory();
        app.Settings["Audit:RetentionDays"] = "90";

        var refused = await Assert.ThrowsAnyAsync<Exception>(app.DemoHallAsync);

        Assert.Contains("Audit:RetentionDays 不能少于 184 天", refused.ToString());
    }
}
