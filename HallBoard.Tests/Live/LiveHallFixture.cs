using HallBoard.Domain;

namespace HallBoard.Tests.Live;

/// <summary>One app on Kestrel for a test class, with a second hall "SM" beside the demo hall "GX".</summary>
public sealed class LiveHallFixture : IAsyncLifetime
{
    public const string OtherHallCode = "SM";

    public LiveHall Hall { get; private set; } = default!;
    public int HallId { get; private set; }
    public int OtherHallId { get; private set; }

    /// <summary>A read key bound to the other hall: a key reaches only the hall it is bound to.</summary>
    public string OtherHallKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Hall = LiveHall.Start();
        HallId = (await Hall.App.DemoHallAsync()).Id;
        OtherHallId = await Hall.App.WithDbAsync(async db =>
        {
            var other = new Hall { Code = OtherHallCode, Name = "思明区税务局办税服务厅" };
            db.Halls.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        OtherHallKey = await Hall.ReadKeyForHallAsync(OtherHallId, "思明大屏");
    }

    public async Task DisposeAsync() => await Hall.DisposeAsync();
}
