namespace HallBoard.Tests.Infrastructure;

/// <summary>Waits for work the app does in the background (a flush, a daily run) to show in what the test can read.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds or the time is up, and returns the last value read: the
    /// caller's assertion then says what was missing. Generous, as the machine may be busy.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(50);
        }
    }
}
