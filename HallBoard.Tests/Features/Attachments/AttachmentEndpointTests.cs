using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallBoard.Data;
using HallBoard.Features.Attachments;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Features.Wall;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Attachments;

/// <summary>The upload form's POST and the download over HTTP, as a signed-in tablet sends them.</summary>
public sealed partial class AttachmentEndpointTests(AttachmentHall app) : IClassFixture<AttachmentHall>
{
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal("/", (await FormPost.SignInAsync(client, user, DemoData.Password)).Headers.Location!.OriginalString);
        return client;
    }

    private async Task<int> DemoTicketAsync()
    {
        var hall = await app.DemoHallAsync();
        var ticket = await app.Get<TicketCommands>().IntakeAsync(hall.Id,
            new HallBoard.Domain.TicketDraft { TaxpayerName = "钱七", Description = "自助终端无法打印发票" }, await app.EngineerActorAsync(1), takeNow: false);
        return ticket.Id;
    }

    /// <summary>The signed-in user's antiforgery token, from a page that renders a form for them.</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/login");
        return WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, byte[] bytes, string name, string? token,
        string clientType = "image/png")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(clientType);
        form.Add(file, "file", name);
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    private Task<int> RowsAsync(int ticketId) =>
        app.WithDbAsync(db => db.Attachments.CountAsync(a => a.Subject == AttachmentSubject.Ticket && a.SubjectId == ticketId));

    [Fact]
    public async Task A_photo_posted_with_the_form_token_is_stored_and_downloads_with_its_detected_type_as_an_attachment()
    {
        var ticketId = await DemoTicketAsync();
        var tablet = await SignedInAsync("eng1");

        // The client claims a PDF; the content is a PNG named .png, and a PNG it stays.
        var posted = await UploadAsync(tablet, $"/attachments/ticket/{ticketId}", SampleFiles.Png, "现场照片.png", await TokenAsync(tablet), "application/pdf");

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var colleague = await SignedInAsync("eng2");
        var download = await colleague.GetAsync(AttachmentsEndpoints.DownloadPath(id));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SampleFiles.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("现场照片.png", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var inline = await colleague.GetAsync(AttachmentsEndpoints.DownloadPath(id, inline: true));
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Action == AttachmentBook.DownloadAction && a.EntityId == id.ToString() && a.ActorName == "王芳")));
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted_though_it_is_larger_than_the_app_s_usual_body_limit()
    {
        var ticketId = await DemoTicketAsync();
        var tablet = await SignedInAsync("eng1");
        var bytes = SampleFiles.PngOfSize(AttachmentHall.MaxBytes);
        bytes[^1] = 1;
        Assert.True(bytes.Length >= HallBoard.Features.Api.RequestLimits.MaxBodyBytes);

        var posted = await UploadAsync(tablet, $"/attachments/ticket/{ticketId}", bytes, "整页截图.png", await TokenAsync(tablet));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(1, await RowsAsync(ticketId));
    }

    [Fact]
    public async Task A_renamed_program_an_oversize_body_and_a_post_without_the_token_are_refused_in_chinese_and_nothing_is_kept()
    {
        var ticketId = await DemoTicketAsync();
        var tablet = await SignedInAsync("eng1");
        var token = await TokenAsync(tablet);
        var path = $"/attachments/ticket/{ticketId}";
        var before = app.StoredFiles();

        var program = await UploadAsync(tablet, path, SampleFiles.Pe, "report.pdf", token, "application/pdf");
        var oversize = await UploadAsync(tablet, path, SampleFiles.PngOfSize(AttachmentHall.MaxBytes + AttachmentsEndpoints.EnvelopeBytes + 1), "big.png", token);
        var justOver = await UploadAsync(tablet, path, SampleFiles.PngOfSize(AttachmentHall.MaxBytes + 1), "big.png", token);
        var forged = await UploadAsync(tablet, path, SampleFiles.Png, "photo.png", token: null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, program.StatusCode);
        Assert.Contains("Windows 可执行程序", await DetailAsync(program));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Contains("超过 1 MB 上限", await DetailAsync(oversize));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, justOver.StatusCode);
        Assert.Contains("超过 1 MB 上限", await DetailAsync(justOver));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("请刷新页面", await DetailAsync(forged));
        Assert.Equal(0, await RowsAsync(ticketId));
        Assert.Equal(before, app.StoredFiles());
    }

    [Fact]
    public async Task Another_halls_attachment_and_an_unknown_subject_answer_not_found_and_a_wall_screen_is_kept_out()
    {
        var other = await TestHall.CreateAsync(app, engineers: 1);
        var theirs = await other.IntakeAsync(app, "孙七");
        var row = await app.Book.AddAsync(other.Engineer(1), AttachmentSubject.Ticket, theirs.Id, "截图.png", new MemoryStream(SampleFiles.Png));
        var tablet = await SignedInAsync("eng1");

        var download = await tablet.GetAsync(AttachmentsEndpoints.DownloadPath(row.Id));
        var upload = await UploadAsync(tablet, $"/attachments/ticket/{theirs.Id}", SampleFiles.Png, "x.png", await TokenAsync(tablet));
        var unknown = await UploadAsync(tablet, $"/attachments/invoice/{theirs.Id}", SampleFiles.Png, "x.png", await TokenAsync(tablet));
        var wall = await SignedInAsync("wall");
        var byWall = await wall.GetAsync(AttachmentsEndpoints.DownloadPath(row.Id));

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal("附件不存在。", await DetailAsync(download));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal("工单不存在。", await DetailAsync(upload));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, byWall.StatusCode);
        Assert.NotEqual(SampleFiles.Png, await byWall.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.SubjectId == theirs.Id && a.Subject == AttachmentSubject.Ticket)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
