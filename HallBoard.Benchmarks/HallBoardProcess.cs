using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HallBoard.Benchmarks;

/// <summary>
/// The real app as its own process (`dotnet HallBoard.dll`) on 127.0.0.1, on a fresh temporary SQLite file with the
/// Development demo data (hall GX, the demo accounts, the development API key). Killed on dispose.
/// </summary>
public sealed class HallBoardProcess : IAsyncDisposable
{
    public const string ApiKey = "hb_dev_4f1c2a9e7b3d48e6a0c5f2b1d9e8a7c6";
    public const string HallCode = "GX";
    public const string Password = "HallBoard#2026";

    private static readonly List<Process> Running = [];
    private readonly Process _process;
    private readonly string _databaseDirectory;
    private readonly Queue<string> _lastOutput = new();

    private HallBoardProcess(Process process, Uri baseUrl, string databaseDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _databaseDirectory = databaseDirectory;
    }

    public Uri BaseUrl { get; }
    public int ProcessId => _process.Id;

    static HallBoardProcess()
    {
        // However the benchmark ends (Ctrl+C, an exception), no app process is left behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static async Task<HallBoardProcess> StartAsync(string repoRoot, string configuration, IDictionary<string, string>? settings = null)
    {
        var projectDir = Path.Combine(repoRoot, "HallBoard");
        var dll = Path.Combine(projectDir, "bin", configuration, "net10.0", "HallBoard.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build it first (dotnet build HallBoard -c {configuration}), or run ./bench.sh.");

        var port = FreePort();
        var dbDir = Directory.CreateTempSubdirectory("hallboard-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Path"] = Path.Combine(dbDir, "hallboard.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The benchmark's hub clients all use the one development key; the default cap is 50 per key and instance.
        start.Environment["Live__MaxConnectionsPerPrincipal"] = "2500";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        lock (Running) Running.Add(process);
        var app = new HallBoardProcess(process, new Uri($"http://127.0.0.1:{port}/"), dbDir);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Resident memory of the app process (VmRSS), in KB.</summary>
    public long ResidentKb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        throw new InvalidOperationException("VmRSS not found");
    }

    /// <summary>CPU time the app process has used so far (user and system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan patience)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"HallBoard exited with code {_process.ExitCode}:\n{Output()}");
            try
            {
                var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"HallBoard did not answer /healthz within {patience.TotalSeconds} s:\n{Output()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            while (_lastOutput.Count > 40) _lastOutput.Dequeue();
        }
    }

    public string Output()
    {
        lock (_lastOutput) return string.Join('\n', _lastOutput);
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        lock (Running) Running.Remove(_process);
        _process.Dispose();
        try { Directory.Delete(_databaseDirectory, recursive: true); } catch (IOException) { }
    }

    private static void KillAll()
    {
        lock (Running) foreach (var p in Running) Kill(p);
    }

    private static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
