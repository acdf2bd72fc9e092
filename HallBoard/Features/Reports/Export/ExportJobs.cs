using HallBoard.Features.Account;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using HallBoard.Domain;
using HallBoard.Hosting;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Reports.Export;

public enum ExportState { Running, Ready, Cancelled, Failed }

/// <summary>One export started from the export page; its counters are read by the page while it runs.</summary>
public sealed class ExportJob
{
    private readonly CancellationTokenSource _cancel = new();
    private int _rows;

    internal ExportJob(string id, string ownerId, string fileName, int total, DateTime startedUtc, string path)
    {
        (Id, OwnerId, FileName, Total, StartedUtc, Path) = (id, ownerId, fileName, total, startedUtc, path);
    }

    public string Id { get; }
    public string OwnerId { get; }
    public string FileName { get; }

    /// <summary>Rows the filter matched when the export started (tickets logged meanwhile may add a few).</summary>
    public int Total { get; }

    public int Rows => Volatile.Read(ref _rows);
    public ExportState State { get; internal set; }
    public string? Error { get; internal set; }
    public DateTime StartedUtc { get; }
    public DateTime? FinishedUtc { get; internal set; }
    internal string Path { get; }
    internal CancellationToken Token => _cancel.Token;
    internal Task Completion { get; set; } = Task.CompletedTask;

    public double Percent => Total == 0 ? (State == ExportState.Ready ? 100 : 0) : Math.Min(100, 100.0 * Rows / Total);

    internal void Report(int rows) => Volatile.Write(ref _rows, rows);

    internal void Cancel()
    {
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
    }
}

public sealed class ExportJobOptions
{
    /// <summary>Folder of the finished files; default a "hallboard-exports" folder in the system's temporary folder.</summary>
    public string? Folder { get; set; }

    /// <summary>How long a finished file waits to be downloaded before it is deleted.</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Exports started from the page run on the thread pool, not on the circuit: the page shows rows written out of the
/// total and can cancel. The workbook goes to a temporary file readable only by the app's own account (mode 0600),
/// named by an unguessable id; the download endpoint hands it only to the user who started it, and deletes it once
/// sent. Files not fetched are deleted after <see cref="ExportJobOptions.KeepFor"/> (and leftovers older than that at
/// start-up).
/// <para>Why a file and not a stream with progress: a browser download is a plain GET that the circuit cannot watch,
/// so progress and cancel would need script on the page reading the response; the file keeps the export on the
/// server, where progress and cancel are plain C#, and the browser gets a finished file with its length.</para>
/// </summary>
public sealed class ExportJobs : IDisposable
{
    private readonly TicketExport _export;
    private readonly HallTime _time;
    private readonly ILogger<ExportJobs> _log;
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new();
    private readonly string _folder;
    private readonly TimeSpan _keepFor;
    private readonly ITimer _sweep;

    public ExportJobs(TicketExport export, HallTime time, TimeProvider clock, IOptions<ExportJobOptions> options, ILogger<ExportJobs> log)
    {
        (_export, _time, _log) = (export, time, log);
        _folder = options.Value.Folder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hallboard-exports");
        _keepFor = options.Value.KeepFor;
        Directory.CreateDirectory(_folder);
        // Another instance on this machine may share the folder and be sending a file right now: only files older than
        // KeepFor are leftovers of a run that ended.
        var leftoverBefore = clock.GetUtcNow().UtcDateTime - _keepFor;
        foreach (var stale in Directory.EnumerateFiles(_folder, "*.xlsx"))
            if (File.GetLastWriteTimeUtc(stale) < leftoverBefore) TryDelete(stale);
        _sweep = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>The export itself; tests put a writer they can hold here.</summary>
    internal Func<ExportFilter, Stream, Actor, IProgress<int>, CancellationToken, Task<int>>? Writer { get; init; }

    /// <summary>Counts the rows, then starts writing them in the background.</summary>
    /// <exception cref="ValidationFailedException">The filter is invalid; nothing started.</exception>
    public async Task<ExportJob> StartAsync(ExportFilter filter, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        // Fails closed: an actor limited to a hall exports that hall whatever the filter asked for.
        if (by.HallScope is int own) filter = filter with { HallId = own };
        var valid = filter.Validated();
        var total = await _export.CountAsync(valid, ct);
        var fileName = await _export.FileNameAsync(valid, ct);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var job = new ExportJob(id, by.Id, fileName, total, _time.UtcNow, System.IO.Path.Combine(_folder, id + ".xlsx"));
        _jobs[id] = job;
        job.Completion = Task.Run(() => RunAsync(job, valid, by));
        return job;
    }

    /// <summary>The job if it belongs to <paramref name="ownerId"/>; nobody else learns that it exists.</summary>
    public ExportJob? Find(string id, string ownerId) =>
        _jobs.TryGetValue(id, out var job) && job.OwnerId == ownerId ? job : null;

    public void Cancel(ExportJob job) => job.Cancel();

    /// <summary>Opens the finished file for its owner; it is deleted when the stream closes.</summary>
    public Stream? OpenForDownload(string id, string ownerId)
    {
        var job = Find(id, ownerId);
        if (job is not { State: ExportState.Ready }) return null;
        _jobs.TryRemove(id, out _);
        try
        {
            return new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Delete, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private async Task RunAsync(ExportJob job, ExportFilter filter, Actor by)
    {
        try
        {
            var create = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(job.Path, create))
            {
                var progress = new Progress(job);
                if (Writer is { } writer) await writer(filter, file, by, progress, job.Token);
                else await _export.WriteAsync(filter, file, by, progress, job.Token);
            }
            job.State = ExportState.Ready;
        }
        catch (Exception) when (job.Token.IsCancellationRequested)
        {
            job.State = ExportState.Cancelled;
            TryDelete(job.Path);
        }
        catch (Exception e)
        {
            _log.LogError(e, "Ticket export {Id} failed", job.Id);
            job.Error = "导出失败，请稍后重试。";
            job.State = ExportState.Failed;
            TryDelete(job.Path);
        }
        job.FinishedUtc = _time.UtcNow;
    }

    private void Sweep()
    {
        var now = _time.UtcNow;
        foreach (var job in _jobs.Values)
        {
            if (job.FinishedUtc is not { } finished || now - finished < _keepFor) continue;
            if (_jobs.TryRemove(job.Id, out _)) TryDelete(job.Path);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var job in _jobs.Values) job.Cancel();
    }

    /// <summary>Writes the count straight into the job (no hop through a synchronization context).</summary>
    private sealed class Progress(ExportJob job) : IProgress<int>
    {
        public void Report(int value) => job.Report(value);
    }
}
