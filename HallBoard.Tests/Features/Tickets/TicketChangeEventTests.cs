using System.Collections.Concurrent;
using HallBoard.Domain;
using HallBoard.Features.Escalations;
using HallBoard.Features.Feedback;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HallBoard.Tests.Features.Tickets;

/// <summary>A ticket command raises one change event after its commit; the features following tickets hear it, and one
/// of them failing neither fails the command nor keeps the others from hearing it.</summary>
public sealed class TicketChangeEventTests(TicketChangeEventTests.App app) : IClassFixture<TicketChangeEventTests.App>
{
    /// <summary>The app with a subscriber that always fails heard first, and a recorder heard last.</summary>
    public sealed class App : HallAppFactory
    {
        public FailingSubscriber Failing { get; } = new();
        public RecordingSubscriber Recorder { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.Insert(0, ServiceDescriptor.Singleton<ITicketChangeSubscriber>(Failing));
                services.AddSingleton<ITicketChangeSubscriber>(Recorder);
            });
        }
    }

    public sealed class FailingSubscriber : ITicketChangeSubscriber
    {
        private int _calls;
        public int Calls => _calls;

        public Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("a subscriber that always fails");
        }
    }

    public sealed class RecordingSubscriber : ITicketChangeSubscriber
    {
        private readonly ConcurrentQueue<TicketChanged> _heard = new();

        public IReadOnlyList<TicketChanged> Of(int ticketId) => _heard.Where(c => c.TicketId == ticketId).ToList();

        public Task OnTicketChangedAsync(TicketChanged change, CancellationToken ct)
        {
            _heard.Enqueue(change);
            return Task.CompletedTask;
        }
    }

    private TicketCommands Commands => app.Get<TicketCommands>();

    [Fact]
    public async Task A_failing_subscriber_neither_fails_the_command_nor_silences_the_screens_and_the_lead()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(1);
        var heard = new ConcurrentQueue<HallChange>();
        using var _ = app.Get<HallFeed>().Subscribe(change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        var failedBefore = app.Failing.Calls;

        var ticket = await Commands.IntakeAsync(hall.Id, TicketCommandsTests.Draft(), eng, takeNow: true);
        var resolved = await Commands.ResolveAsync(ticket.Id, ticket.Version, "重新连接税控设备后正常", eng);
        var rated = await Commands.RateAsync(ticket.Id, resolved.Version, SatisfactionLevel.Dissatisfied, "等了太久", RatingSource.CallBack, eng);

        // Rated on resolution, the ticket stays 已解决 until its follow-up.
        Assert.Equal((TicketStatus.Resolved, resolved.Version + 1), (rated.Status, rated.Version));
        Assert.Equal(failedBefore + 3, app.Failing.Calls);
        var ofTicket = heard.Where(c => c.TicketId == ticket.Id).ToList();
        Assert.Equal(["InProgress", "Resolved", "Resolved"],
            ofTicket.Where(c => c.Kind == HallChangeKind.TicketChanged).Select(c => c.Status));
        Assert.Contains(ofTicket, c => c.Kind == HallChangeKind.LeadNotice && c.Notice?.Kind == LeadNotices.BadRatingKind);
        Assert.Contains(heard, c => c.Kind == HallChangeKind.EngineerStatusChanged && c.Engineer?.EngineerId == eng.EngineerId);
        Assert.Equal(3, app.Recorder.Of(ticket.Id).Count);
    }

    [Fact]
    public async Task Each_ticket_command_raises_exactly_one_change_event_with_what_changed()
    {
        var hall = await app.DemoHallAsync();
        var eng = await app.EngineerActorAsync(2);

        var ticket = await Commands.IntakeAsync(hall.Id, TicketCommandsTests.Draft(), eng, takeNow: false);
        var afterIntake = app.Recorder.Of(ticket.Id);
        var taken = await Commands.TakeAsync(ticket.Id, ticket.Version, eng.EngineerId!.Value, eng);
        var afterTake = app.Recorder.Of(ticket.Id);
        await app.Get<EscalationCommands>().RaiseAsync(ticket.Id, taken.Version,
            new EscalationRequest(EscalationTarget.HallLead, null, "纳税人要求当面说明", app.Get<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(2)), eng);
        var afterEscalation = app.Recorder.Of(ticket.Id);

        var intake = Assert.Single(afterIntake);
        Assert.Equal((null, TicketStatus.Waiting, null), (intake.StatusBefore, intake.Status, intake.Assignee));
        Assert.Equal(2, afterTake.Count);
        var take = afterTake[1];
        Assert.Equal((TicketStatus.Waiting, TicketStatus.InProgress), (take.StatusBefore, take.Status));
        Assert.Equal((null, eng.EngineerId), (take.AssigneeBefore, take.Assignee));
        Assert.Equal((hall.Id, ticket.Number, eng.Id), (take.HallId, take.Number, take.Actor.Id));
        Assert.Equal(3, afterEscalation.Count);
        Assert.Equal(("升级工单", TicketStatus.InProgress, TicketStatus.InProgress),
            (afterEscalation[2].Action, afterEscalation[2].StatusBefore, afterEscalation[2].Status));
    }
}
