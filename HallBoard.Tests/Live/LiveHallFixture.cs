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
    public string OtherHallKey { get; } = "hb_sm_" + Guid.NewGuid().ToString("N");

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
        await Hall.App.Get<HallBoard.Features.Api.ApiKeys>().ImportAsync(
            "思明大屏", OtherHallKey, HallBoard.Domain.Actor.System, default, OtherHallId, HallBoard.Data.ApiScopes.Read);
    }

    public async Task DisposeAsync() => await Hall.DisposeAsync();
}
