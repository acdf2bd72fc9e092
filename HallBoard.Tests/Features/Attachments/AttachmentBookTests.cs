using System.Security.Cryptography;
using HallBoard.Domain;
using HallBoard.Features.Attachments;
using HallBoard.Tests.Features.Wall;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Attachments;

/// <summary>Uploads through the service on SQLite and a real folder: what is kept, what is refused (with nothing
/// left behind), who may see and remove what.</summary>
public sealed class AttachmentBookTests(AttachmentHall app) : IClassFixture<AttachmentHall>
{
    private AttachmentBook Book => app.Book;

    private static MemoryStream Stream(byte[] bytes) => new(bytes);

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<int> RowsAsync(AttachmentSubject subject, int id) =>
        app.WithDbAsync(db => db.Attachments.CountAsync(a => a.Subject == subject && a.SubjectId == id));

    private Task<List<HallBoard.Data.AuditEntry>> AuditAsync(int hallId, string action) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.HallId == hallId && a.Action == action).ToListAsync());

    private static async Task<byte[]> ReadAllAsync(Stream s)
    {
        using var copy = new MemoryStream();
        await s.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_png_pdf_and_docx_are_kept_by_hash_listed_with_the_detected_type_downloaded_as_sent_and_audited()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var ticket = await hall.IntakeAsync(app, "王五");
        var me = hall.Engineer(1);

        var png = await Book.AddAsync(me, AttachmentSubject.Ticket, ticket.Id, "打印机报错.png", Stream(SampleFiles.Png));
        var pdf = await Book.AddAsync(me, AttachmentSubject.Ticket, ticket.Id, "发票.pdf", Stream(SampleFiles.Pdf));
        var docx = await Book.AddAsync(me, AttachmentSubject.Ticket, ticket.Id, "处理记录.docx", Stream(SampleFiles.Docx), "现场记录");

        var listed = await Book.ListAsync(hall.Engineer(2), AttachmentSubject.Ticket, ticket.Id);
        Assert.Equal(["打印机报错.png", "发票.pdf", "处理记录.docx"], listed.Select(a => a.FileName));
        Assert.Equal(["image/png", "application/pdf", FileKind.Docx.ContentType], listed.Select(a => a.ContentType));
        Assert.Equal([SampleFiles.Png.Length, SampleFiles.Pdf.Length, SampleFiles.Docx.Length], listed.Select(a => (int)a.Size));
        Assert.Equal("现场记录", listed[2].Note);
        Assert.All(listed, a => Assert.Equal(me.Name, a.UploadedByName));
        foreach (var (row, bytes) in new[] { (png, SampleFiles.Png), (pdf, SampleFiles.Pdf), (docx, SampleFiles.Docx) })
        {
            Assert.Equal(Hash(bytes), row.Sha256);
            Assert.True(File.Exists(Path.Combine(app.Folder, row.Sha256[..2], row.Sha256)));
            await using var download = await Book.OpenAsync(hall.Engineer(2), row.Id);
            Assert.Equal(bytes, await ReadAllAsync(download.Content));
        }
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(app.Folder, png.Sha256[..2], png.Sha256)));

        var added = await AuditAsync(hall.Id, AttachmentBook.AddAction);
        Assert.Equal(3, added.Count);
        Assert.Contains(added, a => a.After!.Contains("打印机报错.png") && a.After.Contains(png.Sha256));
        var downloads = await AuditAsync(hall.Id, AttachmentBook.DownloadAction);
        Assert.Equal(3, downloads.Count);
        Assert.All(downloads, a => Assert.Contains(ticket.Number, a.After));
        Assert.All(downloads, a => Assert.Equal(hall.Engineer(2).Name, a.ActorName));
    }

    [Fact]
    public async Task The_same_file_attached_twice_is_one_file_and_it_goes_only_with_its_last_attachment()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 2);
        var ticket = await hall.IntakeAsync(app, "王五");
        var problem = await app.Get<HallBoard.Features.Problems.ProblemCommands>()
            .OpenAsync(hall.Id, "发票打印失败", "多台自助终端打印发票失败", Category.Invoice, hall.Engineer(1));
        var bytes = SampleFiles.PngOfSize(4000);
        bytes[^1] = 7; // content of this test alone
        var path = Path.Combine(app.Folder, Hash(bytes)[..2], Hash(bytes));

        var first = await Book.AddAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id, "截图.png", Stream(bytes));
        var second = await Book.AddAsync(hall.Engineer(2), AttachmentSubject.Problem, problem.Id, "同一张截图.png", Stream(bytes));

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Single(app.StoredFiles(), f => f.EndsWith(first.Sha256, StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Book.RemoveAsync(hall.Engineer(2), first.Id));
        Assert.Equal("只有上传者本人或办税服务厅负责人及以上可以删除附件。", refused.Message);

        await Book.RemoveAsync(hall.Engineer(1), first.Id);
        Assert.True(File.Exists(path));
        Assert.Empty(await Book.ListAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id));
        await Book.RemoveAsync(hall.Lead, second.Id);
        Assert.False(File.Exists(path));
        Assert.Equal(2, (await AuditAsync(hall.Id, AttachmentBook.RemoveAction)).Count);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "elf", "photo.jpg", "Linux 可执行程序" },
        { "pe", "report.pdf", "Windows 可执行程序" },
        { "script", "notes.txt", "脚本程序" },
        { "png", "photo.pdf", "扩展名与内容不符" },
        { "zip", "photos.zip", "不接受压缩包" },
        { "zip", "report.docx", "不是有效的 Office 文档" },
        { "unknown", "data.bin", "无法识别" },
        { "gb18030", "notes.txt", "UTF-8" },
        { "nul", "notes.txt", "NUL" },
        { "empty", "empty.png", "文件是空的" },
        { "oversize", "big.png", "超过 1 MB 上限" },
        { "bomb", "bomb.docx", "压缩炸弹" },
        { "dense", "dense.docx", "压缩比异常" },
        { "png", "photo\u202Egnp.exe", "文字方向控制符" },
        { "png", "a<script>.png", "HTML 标记" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_upload_says_why_in_chinese_and_leaves_no_row_and_no_file(string content, string name, string says)
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五");
        var before = app.StoredFiles();
        var bytes = content switch
        {
            "elf" => SampleFiles.Elf,
            "pe" => SampleFiles.Pe,
            "script" => SampleFiles.Script,
            "png" => SampleFiles.Png,
            "zip" => SampleFiles.PlainZip,
            "unknown" => RandomNumberGenerator.GetBytes(512),
            "gb18030" => SampleFiles.Gb18030Text,
            "nul" => [.. "打印机"u8, 0, .. "型号"u8],
            "empty" => [],
            "oversize" => SampleFiles.PngOfSize(AttachmentHall.MaxBytes + 1),
            "bomb" => SampleFiles.ZipBombDocx(),
            "dense" => SampleFiles.DenseDocx(),
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };

        var ex = await Assert.ThrowsAsync<AttachmentRefusedException>(() =>
            Book.AddAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id, name, Stream(bytes)));

        Assert.Contains(says, ex.Message);
        Assert.Equal(0, await RowsAsync(AttachmentSubject.Ticket, ticket.Id));
        Assert.Equal(before, app.StoredFiles());
        Assert.Empty(await AuditAsync(hall.Id, AttachmentBook.AddAction));
    }

    [Fact]
    public async Task The_name_keeps_only_its_last_path_segment_and_text_in_utf8_is_kept_as_text()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五");

        var png = await Book.AddAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id, @"C:\Users\张伟\Desktop\..\截图.png", Stream(SampleFiles.Png));
        var text = await Book.AddAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id, "../../etc/型号.txt", Stream(SampleFiles.Utf8Text));

        Assert.Equal("截图.png", png.FileName);
        Assert.Equal("型号.txt", text.FileName);
        Assert.Equal("text/plain; charset=utf-8", text.ContentType);
    }

    [Fact]
    public async Task Another_halls_engineer_finds_no_such_subject_or_attachment_and_cannot_remove_it()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五");
        var row = await Book.AddAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id, "截图.png", Stream(SampleFiles.Png));
        var stranger = other.Engineer(1);

        var list = await Assert.ThrowsAsync<NotFoundException>(() => Book.ListAsync(stranger, AttachmentSubject.Ticket, ticket.Id));
        var open = await Assert.ThrowsAsync<NotFoundException>(() => Book.OpenAsync(stranger, row.Id));
        var add = await Assert.ThrowsAsync<NotFoundException>(() =>
            Book.AddAsync(stranger, AttachmentSubject.Ticket, ticket.Id, "x.png", Stream(SampleFiles.Png)));
        var remove = await Assert.ThrowsAsync<NotFoundException>(() => Book.RemoveAsync(stranger, row.Id));

        Assert.Equal("工单不存在。", list.Message);
        Assert.Equal("附件不存在。", open.Message);
        Assert.Equal("工单不存在。", add.Message);
        Assert.Equal("附件不存在。", remove.Message);
        Assert.Single(await Book.ListAsync(hall.Engineer(1), AttachmentSubject.Ticket, ticket.Id));
        Assert.Empty(await AuditAsync(other.Id, AttachmentBook.DownloadAction));
    }

    [Fact]
    public async Task A_wall_screen_and_an_account_without_a_hall_are_refused()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var ticket = await hall.IntakeAsync(app, "王五");
        var wall = Infrastructure.HallAppFactory.As(HallBoard.Features.Account.Roles.Display, "test:wall", "大屏", hall.Id);
        var homeless = Infrastructure.HallAppFactory.As(HallBoard.Features.Account.Roles.Engineer, "test:nohall", "无厅", null);

        await Assert.ThrowsAsync<ForbiddenException>(() => Book.ListAsync(wall, AttachmentSubject.Ticket, ticket.Id));
        var ex = await Assert.ThrowsAsync<ForbiddenException>(() => Book.ListAsync(homeless, AttachmentSubject.Ticket, ticket.Id));
        Assert.Equal(Actor.NoHallMessage, ex.Message);
    }

    [Fact]
    public async Task Attachments_of_a_training_and_an_incident_belong_to_their_hall()
    {
        var hall = await TestHall.CreateAsync(app, engineers: 1);
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var training = await app.WithDbAsync(async db =>
        {
            var t = new HallBoard.Features.Training.TrainingSession
            {
                HallId = hall.Id, Date = new DateOnly(2026, 11, 20), Topic = "电子税务局新版操作", Trainer = "赵主任",
                Attendees = "工程师1", AttendeeCount = 1, CreatedByName = "赵主任",
            };
            db.Trainings.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var incident = await app.Get<HallBoard.Features.Incidents.IncidentCommands>().DeclareAsync(new HallBoard.Features.Incidents.IncidentDraft
        {
            Title = "电子税务局无法登录", Channels = [Channel.ETaxWeb], Business = "网上申报",
            StartUtc = app.Get<HallBoard.Hosting.HallTime>().UtcNow.AddMinutes(-5),
        }, [], hall.Engineer(1));

        await Book.AddAsync(hall.Lead, AttachmentSubject.Training, training, "培训手册.pdf", Stream(SampleFiles.Pdf));
        await Book.AddAsync(hall.Engineer(1), AttachmentSubject.Incident, incident, "故障截图.png", Stream(SampleFiles.Png));

        Assert.Single(await Book.ListAsync(hall.Engineer(1), AttachmentSubject.Training, training));
        Assert.Single(await Book.ListAsync(hall.Engineer(1), AttachmentSubject.Incident, incident));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.ListAsync(other.Engineer(1), AttachmentSubject.Training, training));
        await Assert.ThrowsAsync<NotFoundException>(() => Book.ListAsync(other.Engineer(1), AttachmentSubject.Incident, incident));
    }
}
