using HallBoard.Features.Account;
using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Live;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Features.Wall;

/// <summary>A hall of its own for one test, with engineers but no accounts, so its figures and alerts are the test's alone.</summary>
public sealed record TestHall(int Id, string Code, IReadOnlyList<Actor> Engineers)
{
    public static async Task<TestHall> CreateAsync(HallAppFactory app, int engineers)
    {
        var code = $"T{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        return await app.WithDbAsync(async db =>
        {
            var hall = new Hall { Code = code, Name = $"测试办税服务厅{code}" };
            db.Halls.Add(hall);
            await db.SaveChangesAsync();
            var people = Enumerable.Range(1, engineers)
                .Select(i => new Engineer { HallId = hall.Id, Name = $"工程师{i}", EmployeeNo = $"E{i:00}" }).ToList();
            db.Engineers.AddRange(people);
            await db.SaveChangesAsync();
            return new TestHall(hall.Id, code, people.Select(e => HallAppFactory.As(Roles.Engineer, $"test:{code}:{e.Id}", e.Name, hall.Id, e.Id)).ToList());
        });
    }

    public Actor Engineer(int n) => Engineers[n - 1];

    /// <summary>The hall's lead (办税服务厅负责人): publishes, closes major incidents, reopens rated tickets.</summary>
    public Actor Lead => HallAppFactory.As(Roles.HallLead, $"test:{Code}:lead", "厅负责人", Id);

    public Task<TicketRef> IntakeAsync(HallAppFactory app, string taxpayer, int? takenBy = null, Priority priority = Priority.Normal,
        string? taxpayerId = null, string? phone = null) =>
        app.Get<TicketCommands>().IntakeAsync(Id, new TicketDraft
        {
            TaxpayerName = taxpayer,
            TaxpayerId = taxpayerId,
            TaxpayerPhone = phone,
            Channel = Channel.SelfServiceTerminal,
            Category = Category.Invoice,
            Kind = TicketKind.Guidance,
            Priority = priority,
            Description = "自助终端打印发票失败",
        }, takenBy is int n ? Engineer(n) : Engineer(1), takeNow: takenBy is not null);

    public Task<TicketRef> TakeAsync(HallAppFactory app, TicketRef ticket, int by) =>
        app.Get<TicketCommands>().TakeAsync(ticket.Id, null, Engineer(by).EngineerId!.Value, Engineer(by));

    public Task<TicketRef> ResolveAsync(HallAppFactory app, TicketRef ticket, int by) =>
        app.Get<TicketCommands>().ResolveAsync(ticket.Id, null, "重新安装打印驱动后正常", Engineer(by));
}

/// <summary>Every change notice the feed hands out, to assert on and wait for.</summary>
public sealed class FeedRecorder : IDisposable
{
    private readonly List<HallChange> _changes = [];
    private readonly IDisposable _subscription;

    public FeedRecorder(HallAppFactory app) => _subscription = app.Get<HallFeed>().Subscribe(c =>
    {
        lock (_changes) _changes.Add(c);
        return Task.CompletedTask;
    });

    public IReadOnlyList<HallChange> All
    {
        get { lock (_changes) return _changes.ToList(); }
    }

    public IReadOnlyList<HallChange> Of(int hallId) => All.Where(c => c.HallId == hallId).ToList();

    /// <summary>Waits (real time) for a change that matches; generously, as the machine may be busy.</summary>
    public async Task<HallChange> WaitForAsync(Func<HallChange, bool> match, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (All.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("The expected change notice did not come.");
    }

    public void Dispose() => _subscription.Dispose();
}
