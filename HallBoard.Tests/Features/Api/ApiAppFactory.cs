using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace HallBoard.Tests.Features.Api;

/// <summary>
/// Stopgap until <see cref="HallAppFactory"/> passes its settings with UseSetting: settings added through
/// ConfigureAppConfiguration reach the app only after Program has read "Database:Path", so every factory
/// used the shared development database, where the test API key does not exist.
/// </summary>
public sealed class ApiAppFactory : HallAppFactory
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"hallboard-api-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Path", _dbPath);
        builder.UseSetting("Api:DevelopmentKey", ApiKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_dbPath + suffix); } catch (IOException) { }
    }
}
