using HallBoard.Tests.Infrastructure;
using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Dashboard;
using HallBoard.Features.Tickets;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Dashboard;

/// <summary>The daily rollup follows every ticket move in the move's own transaction, reopening included.</summary>
public sealed class DashboardRollupTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Counts_kept_through_the_ticket_commands_equal_a_rebuild_from_the_tickets()
    {
        var (hallId, engineer) = await HallAsync();
        var commands = app.Get<TicketCommands>();
        var id = engineer.EngineerId!.Value;

        var a = await commands.IntakeAsync(hallId, Draft("甲"), engineer, takeNow: true);
        a = await commands.ResolveAsync(a.Id, a.Version, "已解决", engineer);
        a = await commands.RateAsync(a.Id, a.Version, SatisfactionLevel.VerySatisfied, null, RatingSource.HandedTablet, engineer);
        a = await commands.FollowUpAsync(a.Id, a.Version, FollowUpOutcome.Reached, null, engineer);
        await commands.CloseAsync(a.Id, a.Version, CloseReason.Completed, null, engineer);

        // Rated 不满意, then the call-back finds the problem unsolved: the ticket reopens and is solved again; the bad
        // rating stays in the figures of its day (the rating history keeps it).
        var b = await commands.IntakeAsync(hallId, Draft("乙"), engineer, takeNow: true);
        b = await commands.ResolveAsync(b.Id, b.Version, "已解决", engineer);
        b = await commands.RateAsync(b.Id, b.Version, SatisfactionLevel.Dissatisfied, null, RatingSource.OwnPhone, engineer);
        b = await commands.FollowUpAsync(b.Id, b.Version, FollowUpOutcome.NotSatisfied, "仍无法开票", engineer);
        await commands.ResolveAsync(b.Id, b.Version, "重新发行税控盘", engineer);

        await commands.IntakeAsync(hallId, Draft("丙"), engineer, takeNow: false);

        var kept = await CountsAsync(hallId);
        Assert.Equal(3, kept[("tickets", "")]);
        Assert.Equal(1, kept[("level", "VerySatisfied")]);
        Assert.Equal(1, kept.GetValueOrDefault(("level", "Dissatisfied")));
        Assert.Equal(2, kept[("resolve", "resolved")]);
        Assert.Equal(1, kept[("callback", "calledBack")]);
        Assert.Equal(1, kept[("callback", "pending")]);
        Assert.Equal(2, kept[("eng.taken", id.ToString())]);

        await app.WithDbAsync(db => DashboardRollup.RebuildAsync(db, app.Get<DashboardRollup>().Zone));

        Assert.Equal(kept.Where(k => k.Value != 0).OrderBy(k => k.Key), (await CountsAsync(hallId)).OrderBy(k => k.Key));
    }

    [Fact]
    public async Task The_dashboard_shows_what_the_commands_did_today()
    {
        var (hallId, engineer) = await HallAsync();
        var commands = app.Get<TicketCommands>();
        var t = await commands.IntakeAsync(hallId, Draft("丁") with { GuidedOnline = true, GuidanceSucceeded = true }, engineer, takeNow: true);
        await commands.ResolveAsync(t.Id, t.Version, "已解决", engineer);

        var today = DateOnly.FromDateTime(DashboardApp.Now.DateTime);
        var f = await app.Get<DashboardQueries>().FiguresAsync(hallId, new DashboardPeriod(today, today));

        Assert.Equal(1, f.Tickets);
        Assert.Equal(1, f.PerHour[8]);
        Assert.Equal(new Rate(1, 1), f.Sla.Response);
        Assert.Equal(new Rate(1, 1), f.Sla.Resolve);
        Assert.Equal(new GuidanceFigures(1, 1, 0, 0), f.Guidance);
        Assert.Equal((engineer.Name, 1, 1), (f.Engineers.Single().Name, f.Engineers.Single().Taken, f.Engineers.Single().Resolved));
    }

    private async Task<(int HallId, Actor Engineer)> HallAsync()
    {
        var code = $"R{Guid.NewGuid().ToString("N")[..5].ToUpperInvariant()}";
        return await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = code, Name = $"汇总测试厅{code}" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            var engineer = new Engineer { HallId = hall.Id, Name = "王工", EmployeeNo = "E01" };
            db.Engineers.Add(engineer);
            await db.SaveChangesAsync();
            return (hall.Id, HallAppFactory.As(Roles.Engineer, $"test:{code}", engineer.Name, hall.Id, engineer.Id));
        });
    }

    private Task<Dictionary<(string Metric, string Key), int>> CountsAsync(int hallId) => app.WithDbAsync(db =>
        db.DashboardCounts.Where(c => c.HallId == hallId).ToDictionaryAsync(c => (c.Metric, c.Key), c => c.Count));

    private static TicketDraft Draft(string taxpayer) => new()
    {
        TaxpayerName = taxpayer, Channel = Channel.Counter, Category = Category.Invoice, Kind = TicketKind.Fault,
        Priority = Priority.Normal, Description = "汇总测试",
    };
}
