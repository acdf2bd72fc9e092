using System.Globalization;
using ClosedXML.Excel;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.Validation;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Knowledge;

public sealed record HandbookEntry(int Id, string Question, IReadOnlyList<string> Steps, Channel Channel, IReadOnlyList<string> Tags,
    int UsesInPeriod, int PublishedVersion);

public sealed record HandbookSection(Category Category, IReadOnlyList<HandbookEntry> Entries);

public sealed record HandbookData(string HallName, DateOnly From, DateOnly To, IReadOnlyList<HandbookSection> Sections)
{
    public int Count => Sections.Sum(s => s.Entries.Count);
}

/// <summary>
/// 《常见问题处理手册》: the hall's published articles grouped by business category (in the categories' order),
/// each group ordered by how often its articles helped resolve a ticket in the chosen period, as a printable page
/// and as an Excel workbook with one sheet per category.
/// </summary>
public sealed class Handbook(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string Title = "常见问题处理手册";
    public const string DateFormat = "yyyy-MM-dd";
    public const int MaxDays = 366;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<(string Header, double Width)> Columns { get; } =
        [("序号", 6), ("问题", 36), ("处理步骤", 70), ("渠道", 14), ("标签", 18), ("期间引用次数", 12), ("版本", 8)];

    public static (DateOnly From, DateOnly To) Validate(DateOnly from, DateOnly to)
    {
        if (from == default || to == default)
            throw ValidationFailedException.For("from", "请选择统计的起止日期。");
        if (DayRange.DayProblem(from, "开始日期") is { } early) throw ValidationFailedException.For("from", early);
        if (DayRange.DayProblem(to, "结束日期") is { } late) throw ValidationFailedException.For("to", late);
        if (to < from)
            throw ValidationFailedException.For("to", "结束日期早于开始日期，请重新选择。");
        if (to.DayNumber - from.DayNumber >= MaxDays)
            throw ValidationFailedException.For("to", $"统计期间最长 {MaxDays} 天。");
        return (from, to);
    }

    public static DateOnly ParseDay(string? text, string field, string name) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw ValidationFailedException.For(field, $"{name}无效，格式应为 {DateFormat}。");

    public async Task<HandbookData> BuildAsync(int hallId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        Validate(from, to);
        var fromUtc = time.DayStartUtc(from);
        var untilUtc = time.DayStartUtc(to.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hallName = await db.Halls.Where(h => h.Id == hallId).Select(h => h.Name).FirstOrDefaultAsync(ct)
                       ?? throw new NotFoundException("办税服务厅不存在。");
        var articles = await db.KnowledgeArticles.AsNoTracking()
            .Where(a => a.HallId == hallId && a.Status == ArticleStatus.Published).ToListAsync(ct);
        var uses = await db.KnowledgeUses.Where(u => u.HallId == hallId && u.AtUtc >= fromUtc && u.AtUtc < untilUtc)
            .GroupBy(u => u.ArticleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var sections = articles
            .GroupBy(a => a.Category)
            .OrderBy(g => g.Key)
            .Select(g => new HandbookSection(g.Key, g
                .Select(a => new HandbookEntry(a.Id, a.Question, a.StepList, a.Channel, a.TagList, uses.GetValueOrDefault(a.Id), a.PublishedVersion))
                .OrderByDescending(e => e.UsesInPeriod).ThenBy(e => e.Question, StringComparer.Ordinal).ThenBy(e => e.Id)
                .ToList()))
            .ToList();
        return new HandbookData(hallName, from, to, sections);
    }

    public static string FileName(HandbookData h) =>
        string.Create(CultureInfo.InvariantCulture, $"{Title}_{h.From:yyyyMMdd}-{h.To:yyyyMMdd}.xlsx");

    /// <summary>One sheet per category: a title row, the header, one row per article with its steps numbered in one
    /// wrapped cell. Widths are set by hand (ClosedXML 0.95 measures text with System.Drawing).</summary>
    public static void WriteWorkbook(HandbookData h, Stream output)
    {
        using var book = new XLWorkbook();
        if (h.Sections.Count == 0)
        {
            var empty = book.Worksheets.Add("说明");
            empty.Cell(1, 1).Value = $"{h.HallName} {Title}";
            empty.Cell(2, 1).Value = "暂无已发布的知识条目。";
            empty.Column(1).Width = 40;
        }
        foreach (var section in h.Sections)
        {
            var sheet = book.Worksheets.Add(Labels.Of(section.Category));
            var title = sheet.Cell(1, 1);
            title.Value = $"{h.HallName} {Title} · {Labels.Of(section.Category)}（统计期间 {h.From.ToString(DateFormat, CultureInfo.InvariantCulture)} 至 {h.To.ToString(DateFormat, CultureInfo.InvariantCulture)}）";
            title.Style.Font.Bold = true;
            title.Style.Font.FontSize = 14;
            for (var c = 0; c < Columns.Count; c++)
            {
                var cell = sheet.Cell(2, c + 1);
                cell.Value = Columns[c].Header;
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF7");
                sheet.Column(c + 1).Width = Columns[c].Width;
            }
            var row = 3;
            var n = 1;
            foreach (var e in section.Entries)
            {
                sheet.Cell(row, 1).Value = n++;
                sheet.Cell(row, 2).SetValue(e.Question);
                sheet.Cell(row, 3).SetValue(string.Join("\n", e.Steps.Select((s, i) => $"{i + 1}. {s}")));
                sheet.Cell(row, 4).SetValue(Labels.Of(e.Channel));
                sheet.Cell(row, 5).SetValue(string.Join("、", e.Tags));
                sheet.Cell(row, 6).Value = e.UsesInPeriod;
                sheet.Cell(row, 7).SetValue($"v{e.PublishedVersion}");
                row++;
            }
            var body = sheet.Range(2, 1, Math.Max(2, row - 1), Columns.Count);
            body.Style.Alignment.WrapText = true;
            body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            body.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
            body.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
            sheet.SheetView.FreezeRows(2);
            sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
            sheet.PageSetup.FitToPages(1, 0);
            sheet.PageSetup.SetRowsToRepeatAtTop(2, 2);
        }
        book.SaveAs(output);
    }
}
