using HallBoard.Features.Account;
using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Reports.Export;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HallBoard.Tests.Features.Reports;

/// <summary>Exports started from the export page: run in the background to a file that only its owner downloads, once.</summary>
[Collection(ExportCollection.Name)]
public sealed class ExportJobTests(ExportApp app)
{
    private static readonly DateOnly March2 = new(2026, 3, 2);
    private static Actor ManagerOf(int hallId) => HallAppFactory.As(Roles.Manager, "test:jobs", "孙经理", hallId);

    private ExportJobs Jobs => app.Get<ExportJobs>();

    [Fact]
    public async Task A_finished_export_is_a_valid_workbook_with_chinese_headers_and_china_times_downloaded_once_by_its_owner()
    {
        var known = await app.KnownAsync();
        var manager = ManagerOf(known.HallId);

        var job = await Jobs.StartAsync(new ExportFilter(known.HallId, March2, March2, Category: Category.Invoice), manager);
        await job.Completion;

        Assert.Equal((ExportState.Ready, 1, 1), (job.State, job.Total, job.Rows));
        Assert.Equal("高新区税务局办税服务厅_工单明细_20260302-20260302.xlsx", job.FileName);
        Assert.Null(Jobs.OpenForDownload(job.Id, "someone-else"));
        using var file = new MemoryStream();
        await using (var download = Jobs.OpenForDownload(job.Id, manager.Id)!) await download.CopyToAsync(file);
        Assert.False(File.Exists(job.Path));
        Assert.Null(Jobs.OpenForDownload(job.Id, manager.Id));

        file.Position = 0;
        using (var document = SpreadsheetDocument.Open(file, isEditable: false))
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        file.Position = 0;
        using var book = new XLWorkbook(file);
        var sheet = book.Worksheet(1);
        Assert.Equal(["编号", "录入时间", "渠道", "业务类别"], Enumerable.Range(1, 4).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(known.Closed.Number, sheet.Cell(2, 1).GetString());
        // Logged at 09:00 China Standard Time (01:00 UTC); resolved 09:20.
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0), sheet.Cell(2, 2).GetDateTime());
        Assert.Equal(new DateTime(2026, 3, 2, 9, 20, 0), sheet.Cell(2, 11).GetDateTime());
        Assert.Equal(["窗口", "发票", "张伟", "非常满意"], new[] { 3, 4, 9, 12 }.Select(c => sheet.Cell(2, c).GetString()));
        Assert.True(sheet.Cell(3, 1).IsEmpty());
    }

    [Fact]
    public async Task The_engineer_filter_keeps_the_tickets_they_own()
    {
        var known = await app.KnownAsync();
        var manager = ManagerOf(known.HallId);
        var zhang = await app.EngineerActorAsync(1);

        var job = await Jobs.StartAsync(new ExportFilter(known.HallId, March2, March2, EngineerId: zhang.EngineerId), manager);
        await job.Completion;

        Assert.Equal((ExportState.Ready, 1), (job.State, job.Rows));
        var nobody = await Jobs.StartAsync(new ExportFilter(known.HallId, March2, March2, EngineerId: zhang.EngineerId, Status: TicketStatus.Waiting), manager);
        await nobody.Completion;
        Assert.Equal((ExportState.Ready, 0, 0), (nobody.State, nobody.Total, nobody.Rows));
    }

    [Fact]
    public async Task Cancel_stops_a_running_export_part_way_and_leaves_no_file()
    {
        var bulk = await app.BulkAsync();
        var export = app.Get<TicketExport>();
        var atFirstReport = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var folder = new TempFolder();
        // The real export, held at its first progress report until cancelled.
        using var jobs = new ExportJobs(export, app.Get<HallTime>(), TimeProvider.System,
            Options.Create(new ExportJobOptions { Folder = folder.Path }), NullLogger<ExportJobs>.Instance)
        {
            Writer = (filter, output, by, progress, ct) => export.WriteAsync(filter, output, by, new InlineProgress(rows =>
            {
                progress.Report(rows);
                atFirstReport.TrySetResult();
                ct.WaitHandle.WaitOne();
                ct.ThrowIfCancellationRequested();
            }), ct),
        };
        var actor = HallAppFactory.As(Roles.Manager, $"test:{Guid.NewGuid():N}", "孙经理", bulk.HallId);

        var job = await jobs.StartAsync(new ExportFilter(bulk.HallId, bulk.Day, bulk.Day), actor);
        await atFirstReport.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((ExportState.Running, TicketExport.ProgressEvery, ExportApp.BulkCount), (job.State, job.Rows, job.Total));
        jobs.Cancel(job);
        await job.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExportState.Cancelled, job.State);
        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.Null(jobs.OpenForDownload(job.Id, actor.Id));
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ActorId == actor.Id));
        Assert.Equal("导出工单明细（未完成）", audit.Action);
        using var what = JsonDocument.Parse(audit.After!);
        Assert.Equal(TicketExport.ProgressEvery, what.RootElement.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task A_second_instance_starting_on_the_same_folder_leaves_a_finished_file_to_its_owner_and_clears_old_leftovers()
    {
        var known = await app.KnownAsync();
        var manager = ManagerOf(known.HallId);
        using var folder = new TempFolder();
        var options = Options.Create(new ExportJobOptions { Folder = folder.Path, KeepFor = TimeSpan.FromMinutes(30) });
        ExportJobs Instance() => new(app.Get<TicketExport>(), app.Get<HallTime>(), TimeProvider.System, options, NullLogger<ExportJobs>.Instance);
        var leftover = Path.Combine(folder.Path, "0123456789abcdef0123456789abcdef.xlsx");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));
        using var first = Instance();
        var job = await first.StartAsync(new ExportFilter(known.HallId, March2, March2), manager);
        await job.Completion;

        using var second = Instance();

        Assert.False(File.Exists(leftover));
        await using var download = first.OpenForDownload(job.Id, manager.Id);
        Assert.NotNull(download);
        Assert.True(download.Length > 0);
    }

    [Fact]
    public async Task The_download_endpoint_serves_the_owner_once_and_nobody_else()
    {
        var known = await app.KnownAsync();
        var managerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).SingleAsync());
        var job = await Jobs.StartAsync(new ExportFilter(known.HallId, March2, March2), HallAppFactory.As(Roles.Manager, managerId, "孙经理", known.HallId));
        await job.Completion;
        var manager = await SignedInAsync("manager");
        var lead = await SignedInAsync("lead");

        var stranger = await lead.GetAsync($"/reports/exports/{job.Id}");
        var owner = await manager.GetAsync($"/reports/exports/{job.Id}");
        var again = await manager.GetAsync($"/reports/exports/{job.Id}");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(job.FileName, owner.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", owner.Headers.CacheControl?.ToString());
        using var book = new XLWorkbook(new MemoryStream(await owner.Content.ReadAsByteArrayAsync()));
        Assert.Equal(4, book.Worksheet(1).LastRowUsed().RowNumber());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(client, user, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hb-export-test-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
