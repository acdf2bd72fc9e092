using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HallBoard.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HallBoard.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb'd into a temporary folder, listening on a free
/// loopback port, no fsync (nothing here must survive a crash), stopped when the test process exits. PostgreSQL refuses
/// to run as root, so under root it runs as the <c>postgres</c> OS user (which Debian's package creates). Test databases
/// are copies of one template migrated once: a copy is much quicker than running the migration again.
/// </summary>
public sealed class PostgresServer
{
    private const string Template = "hallboard_template";
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);
    private readonly Process _process;
    private readonly string _dir;

    private PostgresServer(Process process, int port, string dir)
    {
        _process = process;
        Port = port;
        _dir = dir;
    }

    public int Port { get; }

    /// <summary>The run's one server, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 20 }.ToString();

    /// <summary>A new database copied from a template: the migrated empty one unless another is named; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string template = Template)
    {
        var name = "hallboard_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY");
        return name;
    }

    public Task DropDatabaseAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private async Task AdminAsync(string sql)
    {
        // Pooling off: a pooled connection to "postgres" would be kept open for nothing.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory();
        var dir = Directory.CreateTempSubdirectory("hallboard-pg-").FullName;
        var data = Path.Combine(dir, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", "postgres:", dir);
        Run(As(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        var port = FreePort();
        var start = Start(As(asRoot, [.. WhileAlive(Environment.ProcessId), Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(), "-k", dir,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=400", "-c", "shared_buffers=64MB"]));
        start.OutputDataReceived += (_, _) => { };
        start.ErrorDataReceived += (_, _) => { };
        start.BeginOutputReadLine();
        start.BeginErrorReadLine();
        var server = new PostgresServer(start, port, dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await server.WaitUntilAnsweringAsync();
        await server.MigrateTemplateAsync();
        return server;
    }

    private async Task MigrateTemplateAsync()
    {
        await AdminAsync($"CREATE DATABASE \"{Template}\"");
        var options = new DbContextOptionsBuilder<HallDbContext>()
            .UseHallDatabase(DatabaseProvider.Postgres, ConnectionString(Template) + ";Pooling=false").Options;
        await using var db = new HallDbContext(options);
        await db.Database.MigrateAsync();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string BinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh, which installs it (apt-get install postgresql).");
    }

    /// <summary>The test host may be killed without running exit handlers: a small shell beside the server stops it
    /// (fast shutdown) once the test process is gone, so no cluster outlives its run.</summary>
    private static string[] WhileAlive(int testProcess) =>
        ["bash", "-c", $"\"$0\" \"$@\" & pg=$!; while [ -d /proc/{testProcess} ] && kill -0 $pg 2>/dev/null; do sleep 1; done; kill -INT $pg 2>/dev/null; wait $pg"];

    private static string[] As(bool asRoot, params string[] command) => asRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static void Run(params string[] command)
    {
        using var process = Start(command);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }

    private static Process Start(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
