using HallBoard.Tests.Infrastructure;
using System.Net.Http.Headers;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// The whole app on a fresh SQLite file (or, with HALLBOARD_TEST_PROVIDER=Postgres, a fresh PostgreSQL database of the
/// run's <see cref="PostgresServer"/>, dropped on dispose; a test that sets its own ConnectionStrings:HallBoard in
/// <see cref="Settings"/> brings its own database), seeded with the demo hall and accounts
/// (password <see cref="DemoData.Password"/>) and an API key <see cref="ApiKey"/>.
/// </summary>
public class HallAppFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "hb_test_key_0123456789abcdef";
    private const int TestHashRounds = 1_000;

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"hallboard-test-{Guid.NewGuid():N}.db");
    private (PostgresServer Server, string Name)? _postgres;

    /// <summary>The provider the whole run tests on: HALLBOARD_TEST_PROVIDER, Sqlite unless it says Postgres.</summary>
    public static DatabaseProvider TestProvider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("HALLBOARD_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Set before first use to drive time; null means the real clock.</summary>
    public FakeTimeProvider? Clock { get; init; }

    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting, not ConfigureAppConfiguration: the app reads these while it registers services.
        builder.UseSetting("Database:Path", _dbPath);
        builder.UseSetting("DataProtection:KeysPath", _dbPath + ".keys");
        builder.UseSetting("Attachments:Path", _dbPath + ".attachments");
        builder.UseSetting("Reports:Exports:Folder", _dbPath + ".exports");
        builder.UseSetting("Api:DevelopmentKey", ApiKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (TestProvider == DatabaseProvider.Postgres && !Settings.ContainsKey("ConnectionStrings:HallBoard"))
        {
            // A factory made by WithWebHostBuilder configures through this one again: it shares the database, as on SQLite.
            _postgres ??= CreatePostgresDatabase();
            var (server, name) = _postgres.Value;
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:HallBoard", server.ConnectionString(name));
        }
        else if (TestProvider == DatabaseProvider.Sqlite && !Settings.ContainsKey("ConnectionStrings:HallBoard") && !File.Exists(_dbPath))
        {
            if (StartsFromDemoTemplate) DemoTemplate.CopySqliteTo(_dbPath, Clock, Settings);
            else SqliteTemplate.CopyTo(_dbPath);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // Each app seeds eleven demo accounts: at the production 100,000 PBKDF2 rounds that was half of every start's CPU.
        // The tests still sign in through the same hasher, only with fewer rounds.
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestHashRounds));
        // The template database was migrated with EF's check that the migrations match the model (it fails the run when
        // they do not); each app repeating that check against its copy was a tenth of every start.
        builder.ConfigureServices(s => s.ConfigureDbContext<HallDbContext>(o =>
            o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))));
        if (Clock is not null)
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Whether the app may start on a copy of the demo hall seeded once per run for its clock's start and its settings
    /// (<see cref="DemoTemplate"/>) instead of seeding it at start. A subclass says yes when its demo data depends on
    /// nothing else (it changes none of the app's services) and it starts often enough in a run for the copy to pay.
    /// </summary>
    protected virtual bool SharesSeededDemo => GetType() == typeof(HallAppFactory);

    // An app on a shared live bus (Redis) seeds itself: a seeding app would publish its demo tickets on that bus.
    private bool StartsFromDemoTemplate => SharesSeededDemo && Clock is not { AutoAdvanceAmount.Ticks: > 0 }
        && !Settings.Keys.Any(k => k.StartsWith("Live:Redis", StringComparison.Ordinal));

    private (PostgresServer, string) CreatePostgresDatabase()
    {
        var server = PostgresServer.SharedAsync().GetAwaiter().GetResult();
        var name = StartsFromDemoTemplate ? DemoTemplate.CreatePostgresDatabaseAsync(server, Clock, Settings) : server.CreateDatabaseAsync();
        return (server, name.GetAwaiter().GetResult());
    }

    public HttpClient ApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<HallDbContext, Task<T>> query)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<HallDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public Task<Hall> DemoHallAsync() => WithDbAsync(db => db.Halls.SingleAsync(h => h.Code == DemoData.HallCode));

    /// <summary>The actor a demo engineer account (eng1 … eng6) acts as.</summary>
    public Task<Actor> EngineerActorAsync(int n) => ActorAsync($"eng{n}");

    /// <summary>The actor an account acts as once signed in (lead, manager, admin, wall, eng1 …): its role and hall
    /// read from the database, as the sign-in cookie carries them.</summary>
    public async Task<Actor> ActorAsync(string userName) => await WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           select r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, user.EngineerId, user.HallId)
        {
            Roles = roles.ToHashSet(),
            AllHalls = roles.Contains(Roles.Admin),
        };
    });

    /// <summary>An administrator, who sees every hall (test set-up across halls).</summary>
    public static Actor Admin { get; } = As(Roles.Admin, "test:admin", "系统管理员", null);

    /// <summary>A hand-made actor with a role, for tests that act in a hall without a demo account.</summary>
    public static Actor As(string role, string id, string name, int? hallId, int? engineerId = null) =>
        new(id, name, engineerId, hallId) { Roles = new HashSet<string> { role }, AllHalls = role == Roles.Admin };

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_postgres is { } postgres)
        {
            _postgres = null;
            postgres.Server.DropDatabaseAsync(postgres.Name).GetAwaiter().GetResult();
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_dbPath + suffix); } catch (IOException) { }
        foreach (var folder in new[] { ".keys", ".attachments", ".exports" })
            try { Directory.Delete(_dbPath + folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
