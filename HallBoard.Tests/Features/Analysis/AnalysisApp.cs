using System.Text;
using ClosedXML.Excel;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Analysis;

/// <summary>The app on a clock standing at noon on 10 March 2026 in the hall; each test takes a hall of its own.</summary>
public sealed class AnalysisApp : HallAppFactory
{
    private int _halls;

    public static readonly DateOnly Today = new(2026, 3, 10);

    public AnalysisApp() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(8)));

    protected override bool SharesSeededDemo => true;

    /// <summary>The manager of one test hall, as the analysis services require.</summary>
    public static Actor ManagerOf(int hallId) => As(Roles.Manager, "test:manager", "孙经理", hallId);

    public Task<int> NewHallAsync() => WithDbAsync(async db =>
    {
        var n = Interlocked.Increment(ref _halls);
        var hall = new Hall { Code = $"AN{n}", Name = $"分析测试厅{n}" };
        db.Halls.Add(hall);
        await db.SaveChangesAsync();
        return hall.Id;
    });

    public const string Header = "日期,金三窗口业务量,电子税务局,手机APP,自助办税终端,智慧办税区";

    public static MemoryStream Csv(params string[] lines) => Csv(Encoding.UTF8, lines);

    public static MemoryStream Csv(Encoding encoding, params string[] lines) =>
        new(encoding.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    /// <summary>An .xlsx as a person would type it in Excel: real date cells and number cells.</summary>
    public static MemoryStream Xlsx(string[] headers, params object[][] rows)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("业务量");
        for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                sheet.Cell(r + 2, c + 1).Value = rows[r][c];
        var output = new MemoryStream();
        book.SaveAs(output);
        output.Position = 0;
        return output;
    }
}
