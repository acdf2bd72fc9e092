using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.EndToEnd;

/// <summary>
/// The built app run as a real process of its own (as in production), on a fixed port and database file, so a
/// test can stop it and start it again. Development settings, the tests' API key, and its sign-in keys beside
/// the database, so a sign-in outlives a restart.
/// </summary>
public sealed class WallServerProcess : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hallboard-wall-{Guid.NewGuid():N}");
    private readonly StringBuilder _output = new();
    private Process? _process;

    public WallServerProcess()
    {
        Directory.CreateDirectory(_folder);
        // The demo hall as the app seeds it, so the first start is as quick as the restart the test is about.
        DemoTemplate.CopySqliteTo(DatabaseFile, start: null, new Dictionary<string, string?>());
        Port = FreePort();
    }

    private string DatabaseFile => Path.Combine(_folder, "hallboard.db");

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>What the process wrote, for a failing test's message.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the app and returns once /healthz answers.</summary>
    public async Task StartAsync()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "HallBoard.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Path"] = DatabaseFile;
        start.Environment["Api__DevelopmentKey"] = HallAppFactory.ApiKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The app turns tiered compilation off for its long exports; a test that starts it twice only pays for the JIT.
        start.Environment["DOTNET_TieredCompilation"] = "1";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Kills the process at once, as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HallAppFactory.ApiKey);
        return client;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not answer /healthz within {patience}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
