using System.Text.Json;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace HallBoard.Tests.Live;

/// <summary>The hub contract of docs/live-api.md, through a real SignalR client over WebSockets.</summary>
public sealed class HallHubContractTests(LiveHallFixture fixture) : IClassFixture<LiveHallFixture>
{
    private const string FullName = "欧阳明月";
    private const string ResidentId = "11010519491231002X";
    private const string Phone = "13912345678";

    private LiveHall Hall => fixture.Hall;

    [Fact]
    public async Task A_ticket_taken_in_reaches_the_hall_with_the_taxpayer_masked_and_no_ID_or_phone()
    {
        var (hub, events) = await Hall.JoinedAsync();
        await using var _ = hub;
        var seen = new List<HallChange>();
        using var subscription = Hall.App.Get<HallFeed>().Subscribe(c => { lock (seen) seen.Add(c); return Task.CompletedTask; });
        var engineer = await Hall.App.EngineerActorAsync(1);
        var tickets = Hall.App.Get<TicketCommands>();

        var ticket = await tickets.IntakeAsync(fixture.HallId, new TicketDraft
        {
            TaxpayerName = FullName, TaxpayerId = ResidentId, TaxpayerPhone = Phone,
            Category = Category.Invoice, Priority = Priority.High, Description = "发票领用后无法打印",
        }, engineer, takeNow: false);

        var waiting = await events.NextAsync("TicketChanged", e => e.GetProperty("number").GetString() == ticket.Number);
        AssertFields(waiting, "hallCode", "ticketId", "number", "status", "statusLabel", "category", "categoryLabel", "priority",
            "priorityLabel", "taxpayer", "engineer", "createdUtc", "responseDueUtc", "takenUtc", "atUtc", "sequence");
        Assert.Equal("GX", waiting.GetProperty("hallCode").GetString());
        Assert.Equal(ticket.Id, waiting.GetProperty("ticketId").GetInt32());
        Assert.Equal("Waiting", waiting.GetProperty("status").GetString());
        Assert.Equal("待受理", waiting.GetProperty("statusLabel").GetString());
        Assert.Equal("Invoice", waiting.GetProperty("category").GetString());
        Assert.Equal("发票", waiting.GetProperty("categoryLabel").GetString());
        Assert.Equal("High", waiting.GetProperty("priority").GetString());
        Assert.Equal("欧**", waiting.GetProperty("taxpayer").GetString());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("takenUtc").ValueKind);
        AssertNothingPersonal(waiting);

        await tickets.TakeAsync(ticket.Id, null, engineer.EngineerId!.Value, engineer);
        var taken = await events.NextAsync("TicketChanged", e => e.GetProperty("number").GetString() == ticket.Number);
        Assert.Equal("InProgress", taken.GetProperty("status").GetString());
        Assert.Equal("处理中", taken.GetProperty("statusLabel").GetString());
        Assert.Equal("张伟", taken.GetProperty("engineer").GetString());
        Assert.EndsWith("Z", taken.GetProperty("takenUtc").GetString());
        AssertNothingPersonal(taken);

        // Circuits subscribed to the feed see the same masked notice.
        HallChange[] feed;
        lock (seen) feed = seen.Where(c => c.TicketNumber == ticket.Number).ToArray();
        Assert.Equal(2, feed.Length);
        Assert.All(feed, c => Assert.Equal("欧**", c.Ticket?.Taxpayer));
    }

    [Fact]
    public async Task Engineer_status_figures_and_alerts_reach_the_hall()
    {
        var (hub, events) = await Hall.JoinedAsync();
        await using var _ = hub;
        var notifier = Hall.App.Get<HallNotifier>();
        var since = new DateTime(2026, 11, 27, 1, 30, 0, DateTimeKind.Utc);

        await notifier.PublishAsync(HallChange.EngineerStatusChanged(fixture.HallId, new EngineerFacts(3, "李娜", "Away", "暂离", since)));
        var status = await events.NextAsync("EngineerStatusChanged", e => e.GetProperty("engineerId").GetInt32() == 3);
        AssertFields(status, "hallCode", "engineerId", "engineer", "status", "statusLabel", "sinceUtc", "atUtc", "sequence");
        Assert.Equal(3, status.GetProperty("engineerId").GetInt32());
        Assert.Equal("李娜", status.GetProperty("engineer").GetString());
        Assert.Equal("暂离", status.GetProperty("statusLabel").GetString());
        Assert.Equal(since, status.GetProperty("sinceUtc").GetDateTime().ToUniversalTime());

        await notifier.PublishAsync(HallChange.FiguresChanged(fixture.HallId, new HallFigures(42, 30, 5, 4, 6, 310, 900, 0.97, 0.25)));
        var figures = await events.NextAsync("FiguresChanged", e => e.GetProperty("tickets").GetInt32() == 42);
        AssertFields(figures, "hallCode", "tickets", "resolved", "waiting", "inService", "engineersOnDuty", "averageWaitSeconds",
            "averageHandlingSeconds", "satisfactionRate", "onlineGuidedShare", "atUtc", "sequence");
        Assert.Equal(42, figures.GetProperty("tickets").GetInt32());
        Assert.Equal(0.97, figures.GetProperty("satisfactionRate").GetDouble());

        var alert = new HallAlert("contract:GX", "FewEngineers", "Warning", "在岗工程师不足 5 人", null, since);
        await notifier.PublishAsync(HallChange.AlertRaised(fixture.HallId, alert));
        var raised = await events.NextAsync("AlertRaised", e => e.GetProperty("alertId").GetString() == "contract:GX");
        AssertFields(raised, "hallCode", "alertId", "kind", "severity", "message", "ticketNumber", "raisedUtc", "atUtc", "sequence");
        Assert.Equal("contract:GX", raised.GetProperty("alertId").GetString());
        Assert.Equal("在岗工程师不足 5 人", raised.GetProperty("message").GetString());

        await notifier.PublishAsync(HallChange.AlertCleared(fixture.HallId, alert));
        var cleared = await events.NextAsync("AlertCleared", e => e.GetProperty("alertId").GetString() == "contract:GX");
        Assert.Equal("contract:GX", cleared.GetProperty("alertId").GetString());
    }

    [Fact]
    public async Task A_screen_receives_only_the_halls_it_joined()
    {
        // A key reaches only the hall it is bound to, so the other hall's screen has its own key.
        var (gx, gxEvents) = await Hall.JoinedAsync();
        var (sm, smEvents) = await Hall.JoinedAsync(LiveHallFixture.OtherHallCode, fixture.OtherHallKey);
        await using var _ = gx;
        await using var __ = sm;
        var notifier = Hall.App.Get<HallNotifier>();

        await notifier.PublishAsync(HallChange.FiguresChanged(fixture.OtherHallId, new HallFigures(7, 0, 7, 0, 2, null, null, null, null)));
        await notifier.PublishAsync(HallChange.FiguresChanged(fixture.HallId, new HallFigures(9, 0, 9, 0, 6, null, null, null, null)));

        // The demo hall is shared with the class's other tests, whose figures may still be on their way: skip to ours.
        var first = await gxEvents.NextAsync("FiguresChanged", e => e.GetProperty("tickets").GetInt32() == 9);
        Assert.Equal("GX", first.GetProperty("hallCode").GetString());
        Assert.Equal(9, first.GetProperty("tickets").GetInt32());
        var other = await smEvents.NextAsync("FiguresChanged");
        Assert.Equal("SM", other.GetProperty("hallCode").GetString());
        // A marker to SM after both: GX's figures, had they gone to SM too, would have come before it.
        await notifier.PublishAsync(HallChange.FiguresChanged(fixture.OtherHallId, new HallFigures(8, 0, 8, 0, 2, null, null, null, null)));
        var next = await smEvents.NextAnyAsync();
        Assert.Equal(("FiguresChanged", "SM", 8), (next.Name, next.Payload.GetProperty("hallCode").GetString(), next.Payload.GetProperty("tickets").GetInt32()));
    }

    [Fact]
    public async Task JoinHall_answers_with_the_hall_and_accepts_any_case()
    {
        await using var hub = Hall.Hub();
        await hub.StartAsync();
        var joined = await hub.InvokeAsync<JsonElement>("JoinHall", "gx");
        Assert.Equal("GX", joined.GetProperty("hallCode").GetString());
        Assert.Equal("高新区税务局办税服务厅", joined.GetProperty("hallName").GetString());
        await hub.InvokeAsync("LeaveHall", "GX");
    }

    private static void AssertFields(JsonElement payload, params string[] names) =>
        Assert.Equal(names.Order(), payload.EnumerateObject().Select(p => p.Name).Order());

    private static void AssertNothingPersonal(JsonElement payload)
    {
        var raw = payload.GetRawText();
        Assert.DoesNotContain(FullName, raw);
        Assert.DoesNotContain("阳明", raw);
        Assert.DoesNotContain(ResidentId, raw);
        Assert.DoesNotContain("19491231", raw);
        Assert.DoesNotContain(Phone, raw);
        Assert.DoesNotContain("12345678", raw);
    }
}
