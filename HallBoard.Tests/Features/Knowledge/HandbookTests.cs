using HallBoard.Features.Account;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Hosting;
using HallBoard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Knowledge;

/// <summary>《常见问题处理手册》 from a hall of its own, so that its content is known exactly.</summary>
public sealed class HandbookTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private HallTime Time => app.Get<HallTime>();

    private async Task<(int HallId, Dictionary<string, int> Ids)> HallWithArticlesAsync()
    {
        var (hallId, _) = await app.OtherHallTicketAsync();
        var by = HallAppFactory.As(Roles.HallLead, "test:lead", "赵主任", hallId);
        var ids = new Dictionary<string, int>();
        async Task Add(string question, Category category, params string[] steps)
        {
            var draft = await app.Knowledge().CreateAsync(hallId, KnowledgeApp.Article(question, steps) with { Category = category }, by);
            ids[question] = (await app.Knowledge().PublishAsync(draft.Id, draft.Revision, by)).Id;
        }
        await Add("发票甲：很少用", Category.Invoice, "步骤一");
        await Add("发票乙：最常用", Category.Invoice, "第一步", "第二步，较长的说明文字会在单元格中换行显示");
        await Add("登录甲", Category.LoginIdentity, "重新设置密码");
        await Add("申报甲：期间外常用", Category.Filing, "步骤");
        await Add("申报乙：期间内用过", Category.Filing, "步骤");
        var retired = await app.Knowledge().CreateAsync(hallId, KnowledgeApp.Article("已停用的条目", "步骤"), by);
        await app.Knowledge().PublishAsync(retired.Id, retired.Revision, by);
        await app.Knowledge().RetireAsync(retired.Id, retired.Revision + 1, by);

        var now = Time.UtcNow;
        await UsesAsync(hallId, ids["发票乙：最常用"], now.AddDays(-1), 3);
        await UsesAsync(hallId, ids["发票甲：很少用"], now.AddDays(-2), 1);
        await UsesAsync(hallId, ids["申报甲：期间外常用"], now.AddDays(-90), 5);
        await UsesAsync(hallId, ids["申报乙：期间内用过"], now.AddDays(-3), 1);
        return (hallId, ids);
    }

    /// <summary>Uses on tickets of the hall at a given time (the handbook counts rows by period).</summary>
    private async Task UsesAsync(int hallId, int articleId, DateTime atUtc, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var draft = new TicketDraft { TaxpayerName = "手册测试", Channel = Channel.Counter, Category = Category.Filing, Kind = TicketKind.Consultation, Description = "手册测试工单" };
            var ticket = await app.Get<HallBoard.Features.Tickets.TicketCommands>().IntakeAsync(hallId, draft, HallAppFactory.Admin, takeNow: false);
            await app.WithDbAsync(async db =>
            {
                db.KnowledgeUses.Add(new KnowledgeUse { ArticleId = articleId, TicketId = ticket.Id, HallId = hallId, AtUtc = atUtc, ActorId = "t", ActorName = "测试" });
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task Published_articles_are_grouped_by_category_and_ordered_by_uses_in_the_period()
    {
        var (hallId, _) = await HallWithArticlesAsync();

        var data = await app.Get<Handbook>().BuildAsync(hallId, Time.Today.AddDays(-30), Time.Today);

        Assert.Equal([Category.LoginIdentity, Category.Filing, Category.Invoice], data.Sections.Select(s => s.Category));
        Assert.Equal(["申报乙：期间内用过", "申报甲：期间外常用"], data.Sections[1].Entries.Select(e => e.Question));
        Assert.Equal([(3, "发票乙：最常用"), (1, "发票甲：很少用")], data.Sections[2].Entries.Select(e => (e.UsesInPeriod, e.Question)));
        Assert.DoesNotContain(data.Sections.SelectMany(s => s.Entries), e => e.Question == "已停用的条目");
    }

    [Fact]
    public async Task The_workbook_passes_the_open_xml_validator_and_reads_back_a_sheet_per_category_in_order()
    {
        var (hallId, _) = await HallWithArticlesAsync();
        var data = await app.Get<Handbook>().BuildAsync(hallId, Time.Today.AddDays(-30), Time.Today);
        using var file = new MemoryStream();

        Handbook.WriteWorkbook(data, file);

        file.Position = 0;
        using (var document = SpreadsheetDocument.Open(file, isEditable: false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.Empty(errors);
        }
        file.Position = 0;
        using var book = new XLWorkbook(file);
        Assert.Equal(["登录与身份认证", "申报", "发票"], book.Worksheets.Select(w => w.Name));
        var invoices = book.Worksheet("发票");
        Assert.Contains("常见问题处理手册", invoices.Cell(1, 1).GetString());
        Assert.Equal(Handbook.Columns.Select(c => c.Header), Enumerable.Range(1, Handbook.Columns.Count).Select(c => invoices.Cell(2, c).GetString()));
        Assert.Equal(("发票乙：最常用", 3), (invoices.Cell(3, 2).GetString(), invoices.Cell(3, 6).GetValue<int>()));
        Assert.Equal("1. 第一步\n2. 第二步，较长的说明文字会在单元格中换行显示", invoices.Cell(3, 3).GetString());
        Assert.True(invoices.Cell(3, 3).Style.Alignment.WrapText);
        Assert.Equal(("发票甲：很少用", 1), (invoices.Cell(4, 2).GetString(), invoices.Cell(4, 6).GetValue<int>()));
        Assert.Equal(Handbook.Columns.Select(c => c.Width), Enumerable.Range(1, Handbook.Columns.Count).Select(c => invoices.Column(c).Width));
    }

    [Fact]
    public async Task The_workbook_downloads_for_staff_and_a_reversed_period_is_refused()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await FormPost.SignInAsync(client, "lead", HallBoard.Data.DemoData.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        var today = Time.Today;

        var ok = await client.GetAsync(KnowledgeEndpoints.HandbookUrl(today.AddDays(-30), today));
        var bad = await client.GetAsync(KnowledgeEndpoints.HandbookUrl(today, today.AddDays(-1)));

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(Handbook.ContentType, ok.Content.Headers.ContentType?.MediaType);
        using var book = new XLWorkbook(new MemoryStream(await ok.Content.ReadAsByteArrayAsync()));
        Assert.Contains(book.Worksheets, w => w.Name == "申报");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("结束日期早于开始日期", await bad.Content.ReadAsStringAsync());
    }
}
