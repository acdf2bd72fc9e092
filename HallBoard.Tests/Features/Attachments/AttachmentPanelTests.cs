using Bunit;
using HallBoard.Features.Attachments;
using HallBoard.Features.Attachments.Pages;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Attachments;

/// <summary>The attachment panel on the ticket page, signed in as the demo engineer 张伟: upload from the file picker
/// or the camera, the refusal message, the list, removing one's own file.</summary>
public sealed class AttachmentPanelTests(AttachmentHall app) : BunitTestBase(app), IClassFixture<AttachmentHall>
{
    private async Task<int> TicketAsync() =>
        (await Commands.IntakeAsync(HallId, new HallBoard.Domain.TicketDraft { TaxpayerName = "钱七", Description = "自助终端无法打印发票" }, Me, takeNow: false)).Id;

    private static void Upload(IRenderedComponent<AttachmentPanel> panel, int picker, byte[] bytes, string name, string type) =>
        panel.FindComponents<InputFile>()[picker].UploadFiles(InputFileContent.CreateFromBinary(bytes, name, contentType: type));

    [Fact]
    public async Task The_ticket_page_shows_the_panel_whose_camera_button_asks_for_a_photo_and_a_photo_is_listed_with_its_uploader()
    {
        var ticketId = await TicketAsync();
        var page = RenderPage<TicketDetailPage>(p => p.Add(x => x.Id, ticketId));
        page.WaitForElement("#attachments");
        Assert.Contains("暂无附件", page.Find("#attachments").TextContent);
        var panel = page.FindComponent<AttachmentPanel>();

        var camera = panel.FindComponents<InputFile>()[1];
        Assert.Equal("environment", camera.Find("input").GetAttribute("capture"));
        Assert.Equal("image/*", camera.Find("input").GetAttribute("accept"));
        Assert.Contains(".docx", panel.FindComponents<InputFile>()[0].Find("input").GetAttribute("accept"));
        Assert.Contains(panel.FindAll("button"), b => b.TextContent.Trim() == "上传附件");
        Assert.Contains(panel.FindAll("button"), b => b.TextContent.Trim() == "拍照");

        Upload(panel, 1, SampleFiles.Png, "image.png", "image/png");

        panel.WaitForAssertion(() => Assert.Equal("image.png", panel.Find(".hb-attachment-name").TextContent));
        var row = panel.Find("tr[data-attachment]");
        Assert.Contains(Me.Name, row.TextContent);
        Assert.Contains("B", row.TextContent);
        var id = int.Parse(row.GetAttribute("data-attachment")!);
        Assert.Equal(AttachmentsEndpoints.DownloadPath(id), panel.Find(".hb-attachment-name").GetAttribute("href"));
        Assert.Empty(panel.FindAll("#attachment-error"));
    }

    [Fact]
    public async Task A_renamed_program_shows_the_refusal_and_nothing_is_listed_or_kept()
    {
        var ticketId = await TicketAsync();
        var panel = RenderPage<AttachmentPanel>(p => p.Add(x => x.Subject, AttachmentSubject.Ticket).Add(x => x.SubjectId, ticketId));
        panel.WaitForAssertion(() => Assert.Contains("暂无附件", panel.Markup));

        Upload(panel, 0, SampleFiles.Elf, "photo.jpg", "image/jpeg");

        panel.WaitForAssertion(() => Assert.Contains("Linux 可执行程序", panel.Find("#attachment-error").TextContent));
        Assert.Contains("photo.jpg", panel.Find("#attachment-error").TextContent);
        Assert.Contains("暂无附件", panel.Markup);
        Assert.Equal(0, await App.WithDbAsync(db => db.Attachments.CountAsync(a => a.SubjectId == ticketId && a.Subject == AttachmentSubject.Ticket)));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_sent()
    {
        var ticketId = await TicketAsync();
        var panel = RenderPage<AttachmentPanel>(p => p.Add(x => x.Subject, AttachmentSubject.Ticket).Add(x => x.SubjectId, ticketId));
        panel.WaitForAssertion(() => Assert.Contains("暂无附件", panel.Markup));

        Upload(panel, 0, SampleFiles.PngOfSize(AttachmentHall.MaxBytes + 1), "big.png", "image/png");

        panel.WaitForAssertion(() => Assert.Contains("超过 1 MB 上限", panel.Find("#attachment-error").TextContent));
        Assert.Contains("暂无附件", panel.Markup);
    }

    [Fact]
    public async Task The_uploader_removes_their_file_after_confirming_and_a_colleague_sees_no_remove_button()
    {
        var ticketId = await TicketAsync();
        await app.Book.AddAsync(Me, AttachmentSubject.Ticket, ticketId, "截图.png", new MemoryStream(SampleFiles.Png));
        await SignInAsAsync("eng2");
        var colleague = RenderPage<AttachmentPanel>(p => p.Add(x => x.Subject, AttachmentSubject.Ticket).Add(x => x.SubjectId, ticketId));
        colleague.WaitForAssertion(() => Assert.Contains("截图.png", colleague.Markup));
        Assert.DoesNotContain(colleague.FindAll("button"), b => b.TextContent.Trim() == "删除");

        await SignInAsAsync("eng1");
        var mine = RenderPage<AttachmentPanel>(p => p.Add(x => x.Subject, AttachmentSubject.Ticket).Add(x => x.SubjectId, ticketId));
        mine.WaitForAssertion(() => Assert.Contains("截图.png", mine.Markup));
        await mine.InvokeAsync(() => mine.FindAll("button").Single(b => b.TextContent.Trim() == "删除").Click());
        await mine.InvokeAsync(() => mine.FindAll("button").Single(b => b.TextContent.Trim() == "确认删除").Click());

        mine.WaitForAssertion(() => Assert.Contains("暂无附件", mine.Markup));
        Assert.Empty(await app.Book.ListAsync(Me, AttachmentSubject.Ticket, ticketId));
    }
}
