using HallBoard.Domain;
using HallBoard.Features.Tickets;
using HallBoard.Tests.Features.Attachments;
using HallBoard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HallBoard.Tests.EndToEnd;

/// <summary>An engineer attaches a photo to a ticket on the tablet in Chromium, a renamed program is refused on the
/// page, and the photo downloads with the bytes that were sent.</summary>
[Trait("Provider", "Sqlite")] // browser tests run once, on the default provider
public sealed class AttachmentBrowserTests(BrowserHall hall) : IClassFixture<BrowserHall>
{
    [Fact]
    public async Task A_photo_is_attached_on_the_ticket_page_listed_and_downloaded_and_a_renamed_program_is_refused_with_a_message()
    {
        var engineer = await hall.App.EngineerActorAsync(5);
        var ticket = await hall.App.Get<TicketCommands>().IntakeAsync(engineer.HallId!.Value,
            new TicketDraft { TaxpayerName = "褚八", Description = "自助终端打印发票卡纸" }, engineer, takeNow: true);
        var tablet = await hall.SignedInPageAsync("eng5", at: $"/tickets/{ticket.Id}");
        var panel = tablet.Locator("#attachments[data-live]");
        await panel.GetByText("暂无附件").WaitForAsync();

        await panel.Locator("input[type=file]:not([capture])").SetInputFilesAsync(new FilePayload
        {
            Name = "hp-m404.elf.jpg", MimeType = "image/jpeg", Buffer = SampleFiles.Elf,
        });
        var refusal = tablet.Locator("#attachment-error");
        await refusal.WaitForAsync();
        Assert.Contains("可执行程序", await refusal.InnerTextAsync());
        Assert.Equal(1, await panel.GetByText("暂无附件").CountAsync());

        await panel.Locator("input[type=file][capture]").SetInputFilesAsync(new FilePayload
        {
            Name = "卡纸照片.png", MimeType = "image/png", Buffer = SampleFiles.Png,
        });
        var link = panel.Locator(".hb-attachment-name", new() { HasText = "卡纸照片.png" });
        await link.WaitForAsync();
        await refusal.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Contains("陈静", await panel.Locator("tr[data-attachment]").InnerTextAsync());

        var download = await tablet.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("卡纸照片.png", download.SuggestedFilename);
        Assert.Equal(SampleFiles.Png, await File.ReadAllBytesAsync(await download.PathAsync()));
    }
}
