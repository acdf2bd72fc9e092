using AngleSharp.Dom;
using Bunit;
using HallBoard.Domain;
using HallBoard.Features.Tickets.Pages;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Tickets;

/// <summary>The walk-in intake form on the tablet, against the real ticket services.</summary>
public sealed class IntakePageTests(HallAppFactory app) : BunitTestBase(app), IClassFixture<HallAppFactory>
{
    [Fact]
    public async Task Submitting_a_filled_form_creates_the_ticket_taken_by_me_and_opens_it()
    {
        var page = RenderPage<IntakePage>();

        await TypeIntoAsync(page, "taxpayerName", "厦门某某贸易有限公司");
        await TypeIntoAsync(page, "taxpayerId", "91350100m000100y43");
        await TypeIntoAsync(page, "taxpayerPhone", "138 0013 8000");
        await ClickChipAsync(page, "发票开具失败");
        await ClickChipAsync(page, "紧急");
        await ClickButtonAsync(page, "提交录入");

        page.WaitForAssertion(() => Assert.Matches(@"/tickets/\d+$", Navigation.Uri), TimeSpan.FromSeconds(5));
        var id = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..]);
        var ticket = await Queries.GetAsync(id, HallId);
        Assert.NotNull(ticket);
        Assert.Equal("厦门某某贸易有限公司", ticket.Row.TaxpayerName);
        Assert.Equal("91350100M000100Y43", ticket.TaxpayerId);
        Assert.Equal("13800138000", ticket.TaxpayerPhone);
        Assert.Equal(Channel.ETaxWeb, ticket.Row.Channel);
        Assert.Equal(Category.Invoice, ticket.Row.Category);
        Assert.Equal(TicketKind.Fault, ticket.Row.Kind);
        Assert.Equal(Priority.Urgent, ticket.Row.Priority);
        Assert.Equal("发票开具失败", ticket.Description);
        Assert.Equal(TicketStatus.InProgress, ticket.Row.Status);
        Assert.Equal("张伟", ticket.Row.AssigneeName);
        Assert.Contains(Snackbar.ShownSnackbars, s => s.Message == $"已录入工单 {ticket.Row.Number}");
    }

    [Fact]
    public async Task A_malformed_taxpayer_id_is_explained_under_the_field_and_nothing_is_saved()
    {
        var taxpayer = $"李四{Guid.NewGuid():N}"[..12];
        var before = await App.WithDbAsync(db => db.Tickets.CountAsync());
        var page = RenderPage<IntakePage>();

        await TypeIntoAsync(page, "taxpayerName", taxpayer);
        await TypeIntoAsync(page, "taxpayerId", "91350100M000100Y44");
        await TypeIntoAsync(page, "description", "个税APP无法登录");
        await ClickButtonAsync(page, "提交录入");

        page.WaitForAssertion(() => Assert.Contains("统一社会信用代码校验位错误", FieldOf(page, "taxpayerId").TextContent));
        Assert.Equal(before, await App.WithDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.Tickets.CountAsync(t => t.TaxpayerName == taxpayer)));
        Assert.EndsWith("/", Navigation.Uri);
    }

    [Fact]
    public async Task Leaving_the_id_or_phone_field_checks_it_at_once()
    {
        var page = RenderPage<IntakePage>();

        await TypeIntoAsync(page, "taxpayerId", "1101051949123100");
        await BlurAsync(page, "taxpayerId");
        await TypeIntoAsync(page, "taxpayerPhone", "1380013");
        await BlurAsync(page, "taxpayerPhone");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("纳税人识别号应为15、17、18或20位", FieldOf(page, "taxpayerId").TextContent);
            Assert.Contains("手机号码格式不正确", FieldOf(page, "taxpayerPhone").TextContent);
        });
    }

    [Fact]
    public async Task Typing_the_id_of_a_returning_taxpayer_lists_their_earlier_tickets()
    {
        // A 17-character legacy number: valid without a check character, and unique to this test.
        var taxpayerId = $"L{Guid.NewGuid():N}".ToUpperInvariant()[..17];
        var visit = new TicketDraft { TaxpayerName = "赵六", TaxpayerId = taxpayerId, Description = "发票开具失败" };
        var first = await Commands.IntakeAsync(HallId, visit, Me, takeNow: false);
        var second = await Commands.IntakeAsync(HallId, visit with { Description = "电子税务局无法登录" }, Me, takeNow: false);
        var page = RenderPage<IntakePage>();

        await TypeIntoAsync(page, "taxpayerId", taxpayerId.ToLowerInvariant());

        page.WaitForAssertion(() =>
        {
            var history = page.Find(".hb-history").TextContent;
            Assert.Contains(first.Number, history);
            Assert.Contains(second.Number, history);
        }, TimeSpan.FromSeconds(5));
        await page.InvokeAsync(() => page.FindAll(".hb-history .mud-list-item").First(i => i.TextContent.Contains(first.Number)).Click());
        page.WaitForAssertion(() => Assert.EndsWith($"/tickets/{first.Id}", Navigation.Uri));
    }

    // Find and fire in one dispatcher turn: the history lookup may re-render the form in between.
    private static Task TypeIntoAsync(IRenderedComponent<IntakePage> page, string inputId, string text) =>
        page.InvokeAsync(() => page.Find($"#{inputId}").Input(text));

    private static Task BlurAsync(IRenderedComponent<IntakePage> page, string inputId) =>
        page.InvokeAsync(() => page.Find($"#{inputId}").Blur());

    private static Task ClickChipAsync(IRenderedComponent<IntakePage> page, string text) =>
        page.InvokeAsync(() => page.FindAll(".mud-chip").First(c => c.TextContent.Trim() == text).Click());

    private static Task ClickButtonAsync(IRenderedComponent<IntakePage> page, string text) =>
        page.InvokeAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == text).Click());

    private static IElement FieldOf(IRenderedComponent<IntakePage> page, string inputId) =>
        page.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new InvalidOperationException($"No field around #{inputId}.");
}
