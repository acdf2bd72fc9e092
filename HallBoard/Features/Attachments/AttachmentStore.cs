using System.Security.Cryptography;
using HallBoard.Data;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Attachments;

/// <summary>A file received into the store's incoming folder, not yet visible under its hash.</summary>
public sealed record StagedFile(string TempPath, long Size, string Sha256);

/// <summary>
/// The files behind attachments, outside the database, each named by the SHA-256 of its content (the same file
/// stored twice is one file). A file is written under a temporary name in the same folder tree and moved into place
/// only when complete, so a half-written file is never visible under a hash. Files are readable only by the app's
/// own account where the OS has such modes.
/// </summary>
public sealed class AttachmentStore
{
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly string _incoming;

    public AttachmentStore(IOptions<AttachmentOptions> options, IConfiguration config, IHostEnvironment env)
    {
        var root = env.ContentRootPath;
        var folder = options.Value.Path is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(DataSetup.DatabaseFile(config, root)) ?? root, "attachments");
        _root = Path.IsPathRooted(folder) ? folder : Path.Combine(root, folder);
        _incoming = Path.Combine(_root, ".incoming");
        CreatePrivateDirectory(_root);
        CreatePrivateDirectory(_incoming);
    }

    public string Root => _root;

    /// <summary>Copies the stream into a temporary file while hashing and counting it; stops as soon as it passes
    /// <paramref name="maxBytes"/> (nothing is kept then), so an endless stream never fills memory or disk.</summary>
    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        var temp = Path.Combine(_incoming, $"{Guid.NewGuid():N}.part");
        var create = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, create))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw AttachmentRefusedException.TooLarge(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            return new StagedFile(temp, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Moves a staged file under its hash; false when that content is already stored (the staged copy goes).</summary>
    public bool Place(StagedFile staged)
    {
        var target = PathOf(staged.Sha256);
        CreatePrivateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            TryDelete(staged.TempPath);
            return false;
        }
        try
        {
            File.Move(staged.TempPath, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            TryDelete(staged.TempPath);
            return false;
        }
    }

    public void Discard(StagedFile staged) => TryDelete(staged.TempPath);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public Stream? Open(string sha256)
    {
        try
        {
            return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string sha256) => TryDelete(PathOf(sha256));

    /// <summary>Two levels by the hash's first two characters, so no folder grows to hundreds of thousands of files.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new ArgumentException("Not a SHA-256 in hex.", nameof(sha256));
        return Path.Combine(_root, sha256[..2], sha256);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
