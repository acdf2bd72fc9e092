using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Live;

/// <summary>Two app instances on one PostgreSQL database and one Redis, as a real multi-instance installation runs:
/// whichever provider the run tests, these use PostgreSQL, so only the PostgreSQL pass runs them.</summary>
[Trait("Provider", "Postgres")]
public sealed class TwoInstancePostgresTests
{
    [Fact]
    public async Task A_ticket_taken_in_on_instance_A_reaches_a_hub_client_and_the_queue_of_instance_B()
    {
        await using var pair = await PairAsync();
        var (hubOnB, eventsOnB) = await pair.B.JoinedAsync();
        await using var _ = hubOnB;
        var hallId = (await pair.A.App.DemoHallAsync()).Id;

        var ticket = await pair.A.App.Get<TicketCommands>().IntakeAsync(hallId, Draft("林小红"), await pair.A.App.EngineerActorAsync(2), takeNow: true);

        var received = await eventsOnB.NextAsync("TicketChanged", e => e.GetProperty("number").GetString() == ticket.Number);
        Assert.Equal("InProgress", received.GetProperty("status").GetString());
        Assert.Equal("王芳", received.GetProperty("engineer").GetString());
        var queueOnB = await pair.B.App.Get<TicketQueries>().ListAsync(new TicketFilter { HallId = hallId });
        var row = Assert.Single(queueOnB.Rows, r => r.Number == ticket.Number);
        Assert.Equal(TicketStatus.InProgress, row.Status);
        Assert.Equal("王芳", row.AssigneeName);
    }

    [Fact]
    public async Task Two_engineers_taking_one_ticket_on_both_instances_at_once_leave_one_owner_and_tell_the_other_it_changed()
    {
        await using var pair = await PairAsync();
        var hallId = (await pair.A.App.DemoHallAsync()).Id;
        var lead = await pair.A.App.ActorAsync("lead");
        var waiting = await pair.A.App.Get<TicketCommands>().IntakeAsync(hallId, Draft("周大伟"), lead, takeNow: false);
        var eng1 = await pair.A.App.EngineerActorAsync(1);
        var eng2 = await pair.B.App.EngineerActorAsync(2);

        var outcomes = await Task.WhenAll(
            Attempt(() => pair.A.App.Get<TicketCommands>().TakeAsync(waiting.Id, waiting.Version, eng1.EngineerId!.Value, eng1)),
            Attempt(() => pair.B.App.Get<TicketCommands>().TakeAsync(waiting.Id, waiting.Version, eng2.EngineerId!.Value, eng2)));

        var winner = Assert.Single(outcomes, o => o.Error is null);
        var loser = Assert.Single(outcomes, o => o.Error is not null);
        Assert.IsType<ConcurrencyConflictException>(loser.Error);
        Assert.Contains("已被他人修改", loser.Error!.Message);
        var stored = await pair.B.App.Get<TicketQueries>().GetAsync(waiting.Id, hallId);
        var owner = outcomes[0].Error is null ? eng1 : eng2;
        Assert.Equal(TicketStatus.InProgress, stored!.Row.Status);
        Assert.Equal(owner.EngineerId, stored.Row.AssigneeId);
        Assert.Equal(winner.Ticket!.Version, stored.Row.Version);
    }

    private static TicketDraft Draft(string taxpayer) => new()
    {
        TaxpayerName = taxpayer, TaxpayerPhone = "13812345678", Category = Category.Payment, Description = "三方协议扣款失败",
    };

    private static async Task<(TicketRef? Ticket, Exception? Error)> Attempt(Func<Task<TicketRef>> take)
    {
        try { return (await take(), null); }
        catch (HallBoardException error) { return (null, error); }
    }

    private static async Task<Pair> PairAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync();
        var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Live:Redis"] = redis.Endpoint,
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:HallBoard"] = postgres.ConnectionString(database),
        };
        var a = LiveHall.Start(settings);
        var b = LiveHall.Start(settings);
        return new Pair(a, b, redis, () => postgres.DropDatabaseAsync(database));
    }

    private sealed record Pair(LiveHall A, LiveHall B, RedisServer Redis, Func<Task> Drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            Redis.Dispose();
            await Drop();
        }
    }
}
