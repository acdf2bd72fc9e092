using System.Globalization;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HallBoard.Features.Attachments;

/// <summary>An attachment as listed beside its subject; <see cref="CanRemove"/> is for the actor who asked.</summary>
public sealed record AttachmentRow(int Id, string FileName, string ContentType, long Size, string Sha256, string UploadedById,
    string UploadedByName, DateTime UploadedUtc, string? Note, bool CanRemove)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>An attachment opened for download: its row and its bytes (the caller disposes the stream).</summary>
public sealed record AttachmentDownload(AttachmentRow Attachment, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Attachments of tickets, problems, incidents and trainings. Role and hall are checked here: the hall is the
/// subject's own (looked up from the subject), a subject of another hall reads as not found. Adding and removing
/// write their audit entry in the same save; every download is audited before a byte is sent (a ticket's files
/// are taxpayer data). A file is checked by its content (<see cref="FileInspector"/>) before anything is kept.
/// </summary>
public sealed class AttachmentBook(IDbContextFactory<HallDbContext> dbFactory, AttachmentStore store, FileInspector inspector,
    IOptions<AttachmentOptions> options, HallTime time)
{
    public const string AddAction = "上传附件";
    public const string RemoveAction = "删除附件";
    public const string DownloadAction = "下载附件";

    // Placing a file and saving its row, or removing the last row and deleting its file, happen one at a time, so a
    // removal never deletes a file that an upload of the same content has just found already in place.
    private readonly SemaphoreSlim _files = new(1, 1);

    public long MaxBytes => options.Value.MaxBytes;

    public Task<AttachmentRow> AddAsync(Actor actor, AttachmentSubject subject, int subjectId, string? fileName, Stream content,
        CancellationToken ct = default) => AddAsync(actor, subject, subjectId, fileName, content, null, ct);

    public async Task<AttachmentRow> AddAsync(Actor actor, AttachmentSubject subject, int subjectId, string? fileName, Stream content,
        string? note, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.AttachmentUsers);
        var name = AttachmentNames.Clean(fileName);
        var cleanNote = FreeText.Optional(note, "note", "附件说明", Attachment.MaxNote);
        var hallId = await SubjectHallAsync(actor, subject, subjectId, ct);

        var staged = await store.StageAsync(content, options.Value.MaxBytes, ct);
        try
        {
            if (staged.Size == 0)
                throw new AttachmentRefusedException(AttachmentRefusal.Empty, "文件是空的，未保存。");
            var kind = await inspector.InspectAsync(staged.TempPath, name, ct);
            var now = time.UtcNow;
            var row = new Attachment
            {
                HallId = hallId, Subject = subject, SubjectId = subjectId, FileName = name, ContentType = kind.ContentType,
                Size = staged.Size, Sha256 = staged.Sha256, UploadedById = actor.Id, UploadedByName = actor.Name,
                UploadedUtc = now, Note = cleanNote,
            };
            await _files.WaitAsync(ct);
            try
            {
                var placed = store.Place(staged);
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(ct);
                    db.Attachments.Add(row);
                    db.Audit(actor, now, AddAction, nameof(Attachment), SubjectKey(subject, subjectId), after: Describe(row), hallId: hallId);
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch
                {
                    if (placed) store.Delete(row.Sha256);
                    throw;
                }
            }
            finally
            {
                _files.Release();
            }
            return ToRow(row, actor);
        }
        finally
        {
            store.Discard(staged);
        }
    }

    public async Task<IReadOnlyList<AttachmentRow>> ListAsync(Actor actor, AttachmentSubject subject, int subjectId, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.AttachmentUsers);
        var hallId = await SubjectHallAsync(actor, subject, subjectId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.Subject == subject && a.SubjectId == subjectId && a.HallId == hallId)
            .OrderBy(a => a.UploadedUtc).ThenBy(a => a.Id)
            .ToListAsync(ct);
        return rows.Select(a => ToRow(a, actor)).ToList();
    }

    /// <summary>Opens an attachment for download after writing the audit entry of the read.</summary>
    public async Task<AttachmentDownload> OpenAsync(Actor actor, int attachmentId, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.AttachmentUsers);
        _ = actor.HallScope;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (row is null || !actor.CanSee(row.HallId))
            throw new NotFoundException("附件不存在。");
        var content = store.Open(row.Sha256) ?? throw new NotFoundException("附件文件已丢失，请联系系统管理员。");
        try
        {
            db.Audit(actor, time.UtcNow, DownloadAction, nameof(Attachment), row.Id.ToString(CultureInfo.InvariantCulture),
                after: $"{Labels.Of(row.Subject)} {await SubjectNameAsync(db, row, ct)}：{row.FileName}", hallId: row.HallId);
            // Not the request's token: a read that is about to be answered is recorded even if the client goes away.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
        return new AttachmentDownload(ToRow(row, actor), content);
    }

    /// <summary>HallLead and above remove any attachment of their halls, others only their own; the file goes when no
    /// other attachment points to the same content.</summary>
    public async Task RemoveAsync(Actor actor, int attachmentId, CancellationToken ct = default)
    {
        actor.RequireRole(Policies.AttachmentUsers);
        _ = actor.HallScope;
        await _files.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
            if (row is null || !actor.CanSee(row.HallId))
                throw new NotFoundException("附件不存在。");
            if (!MayRemove(row.UploadedById, actor))
                throw new ForbiddenException("只有上传者本人或办税服务厅负责人及以上可以删除附件。");
            db.Attachments.Remove(row);
            db.Audit(actor, time.UtcNow, RemoveAction, nameof(Attachment), row.Id.ToString(CultureInfo.InvariantCulture),
                before: Describe(row), hallId: row.HallId);
            await db.SaveChangesAsync(CancellationToken.None);
            if (!await db.Attachments.AnyAsync(a => a.Sha256 == row.Sha256, CancellationToken.None))
                store.Delete(row.Sha256);
        }
        finally
        {
            _files.Release();
        }
    }

    /// <summary>The hall of the subject, when the actor may see it; otherwise (or when there is no such subject) not found.</summary>
    private async Task<int> SubjectHallAsync(Actor actor, AttachmentSubject subject, int subjectId, CancellationToken ct)
    {
        _ = actor.HallScope;
        if (!Enum.IsDefined(subject))
            throw new NotFoundException("附件所属的记录不存在。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hallId = subject switch
        {
            AttachmentSubject.Ticket => await db.Tickets.Where(t => t.Id == subjectId).Select(t => (int?)t.HallId).FirstOrDefaultAsync(ct),
            AttachmentSubject.Problem => await db.Problems.Where(p => p.Id == subjectId).Select(p => (int?)p.HallId).FirstOrDefaultAsync(ct),
            AttachmentSubject.Incident => await db.MajorIncidents.Where(i => i.Id == subjectId).Select(i => (int?)i.HallId).FirstOrDefaultAsync(ct),
            AttachmentSubject.Training => await TrainingHallAsync(db, subjectId, ct),
            _ => null,
        };
        if (hallId is not int hall || !actor.CanSee(hall))
            throw new NotFoundException($"{Labels.Of(subject)}不存在。");
        return hall;
    }

    /// <summary>The one place that knows where a training's hall is kept; re-point it when trainings move to their own entity.</summary>
    private static Task<int?> TrainingHallAsync(HallDbContext db, int trainingId, CancellationToken ct) =>
        db.Trainings.Where(t => t.Id == trainingId).Select(t => (int?)t.HallId).FirstOrDefaultAsync(ct);

    /// <summary>How the audit names the subject of a download: a ticket by its number, others by their id.</summary>
    private static async Task<string> SubjectNameAsync(HallDbContext db, Attachment row, CancellationToken ct) =>
        row.Subject == AttachmentSubject.Ticket
            ? await db.Tickets.Where(t => t.Id == row.SubjectId).Select(t => t.Number).FirstOrDefaultAsync(ct) ?? row.SubjectId.ToString(CultureInfo.InvariantCulture)
            : row.SubjectId.ToString(CultureInfo.InvariantCulture);

    private static bool MayRemove(string uploadedById, Actor actor) => actor.IsIn(Policies.AttachmentRemovers) || uploadedById == actor.Id;

    private static AttachmentRow ToRow(Attachment a, Actor actor) =>
        new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedById, a.UploadedByName, a.UploadedUtc, a.Note,
            MayRemove(a.UploadedById, actor));

    private static string SubjectKey(AttachmentSubject subject, int id) => $"{subject}:{id.ToString(CultureInfo.InvariantCulture)}";

    private static string Describe(Attachment a) =>
        $"{Labels.Of(a.Subject)}={a.SubjectId}; 文件={a.FileName}; 类型={a.ContentType}; 大小={a.Size}; SHA-256={a.Sha256}";
}
