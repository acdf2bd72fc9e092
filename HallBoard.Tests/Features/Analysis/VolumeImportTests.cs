using System.Text;
using HallBoard.Features.Analysis;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Features.Analysis;

public sealed class VolumeImportTests(AnalysisApp app) : IClassFixture<AnalysisApp>
{
    private BusinessVolumes Volumes => app.Get<BusinessVolumes>();

    [Fact]
    public async Task A_good_csv_is_saved_day_by_day()
    {
        var hall = await app.NewHallAsync();

        var result = await Volumes.ImportAsync(hall, AnalysisApp.Csv(AnalysisApp.Header,
            "2026-03-02,120,340,210,45,30",
            "2026/3/3,100,\"1,200\",0,5,0",
            ""), "三月.csv", AnalysisApp.ManagerOf(hall));

        Assert.Equal((2, 0), (result.Saved, result.Errors.Count));
        var saved = await Volumes.ListAsync(hall, new DateOnly(2026, 3, 1), AnalysisApp.Today);
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], saved.Select(v => v.Day));
        Assert.Equal(new VolumeFigures(120, 340, 210, 45, 30), saved[0].Figures);
        Assert.Equal(new VolumeFigures(100, 1200, 0, 5, 0), saved[1].Figures);
        Assert.Equal("孙经理", saved[0].UpdatedBy);
    }

    [Fact]
    public async Task A_csv_saved_by_chinese_excel_in_gb18030_reads_its_headers()
    {
        var hall = await app.NewHallAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var result = await Volumes.ImportAsync(hall, AnalysisApp.Csv(Encoding.GetEncoding("GB18030"), AnalysisApp.Header, "2026-03-04,1,2,3,4,5"),
            "gbk.csv", AnalysisApp.ManagerOf(hall));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new VolumeFigures(1, 2, 3, 4, 5), (await Volumes.FindAsync(hall, new DateOnly(2026, 3, 4)))!.Figures);
    }

    [Fact]
    public async Task A_good_xlsx_with_real_date_cells_is_saved()
    {
        var hall = await app.NewHallAsync();
        using var file = AnalysisApp.Xlsx(VolumeRules.Headers,
            [new DateTime(2026, 3, 5), 80, 300, 150, 20, 10],
            ["2026-03-06", 90, 310, 160, 25, 15]);

        var result = await Volumes.ImportAsync(hall, file, "三月.xlsx", AnalysisApp.ManagerOf(hall));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var saved = await Volumes.ListAsync(hall, new DateOnly(2026, 3, 1), AnalysisApp.Today);
        Assert.Equal([(new DateOnly(2026, 3, 5), 80, 480), (new DateOnly(2026, 3, 6), 90, 510)], saved.Select(v => (v.Day, v.Counter, v.Online)));
    }

    [Fact]
    public async Task The_downloadable_templates_import_as_they_are()
    {
        var xlsxHall = await app.NewHallAsync();
        var csvHall = await app.NewHallAsync();

        var fromXlsx = await Volumes.ImportAsync(xlsxHall, new MemoryStream(VolumeTemplate.Xlsx()), VolumeTemplate.XlsxName, AnalysisApp.ManagerOf(xlsxHall));
        var fromCsv = await Volumes.ImportAsync(csvHall, new MemoryStream(VolumeTemplate.Csv()), VolumeTemplate.CsvName, AnalysisApp.ManagerOf(csvHall));

        Assert.True(fromXlsx.Succeeded, string.Join("\n", fromXlsx.Errors));
        Assert.Equal((1, 1), (fromXlsx.Saved, fromCsv.Saved));
        Assert.Equal(new VolumeFigures(120, 340, 210, 45, 30), (await Volumes.FindAsync(xlsxHall, new DateOnly(2026, 3, 2)))!.Figures);
    }

    [Fact]
    public async Task Every_bad_row_is_listed_with_its_reason_and_nothing_is_saved()
    {
        var hall = await app.NewHallAsync();

        var result = await Volumes.ImportAsync(hall, AnalysisApp.Csv(AnalysisApp.Header,
            "2026-03-01,10,20,30,40,50",        // row 2: good, but not saved because others are wrong
            "2026-03-02,十,20,30,40,50",         // row 3: text in a number column
            "2026-03-03,-5,20,30,40,50",        // row 4: negative
            "2026-03-04,10,2000000,30,40,50",   // row 5: impossible
            "2026-03-01,10,20,30,40,50",        // row 6: the same day as row 2
            "2026-03-05,10,20,30,40,1.5",       // row 7: not a whole number
            "3月6日,10,20,30,40,50",             // row 8: not a date
            "2026-03-20,10,20,30,40,50",        // row 9: in the future
            "2026-03-07,10,,30,40,50"),         // row 10: blank
            "错误.csv", AnalysisApp.ManagerOf(hall));

        Assert.Equal(0, result.Saved);
        Assert.Equal(
        [
            (3, "金三窗口业务量", "“十”不是数字"),
            (4, "金三窗口业务量", "业务量不能为负数（-5）"),
            (5, "电子税务局", "业务量 2,000,000 超出一天可能的范围（最多 100,000）"),
            (6, "日期", "日期 2026-03-01 与第 2 行重复"),
            (7, "智慧办税区", "业务量必须是整数（1.5）"),
            (8, "日期", "“3月6日”不是有效日期（格式如 2026-03-02）"),
            (9, "日期", "日期 2026-03-20 晚于今天，不能录入未来的业务量"),
            (10, "电子税务局", "不能为空（没有业务请填 0）"),
        ], result.Errors.Select(e => (e.Row!.Value, e.Column!, e.Reason)));
        Assert.Empty(await Volumes.ListAsync(hall, new DateOnly(2026, 1, 1), AnalysisApp.Today));
    }

    [Fact]
    public async Task Days_already_recorded_are_refused_not_replaced()
    {
        var hall = await app.NewHallAsync();
        await Volumes.SaveDayAsync(hall, new VolumeEntry(new DateOnly(2026, 3, 2), new VolumeFigures(1, 1, 1, 1, 1)), AnalysisApp.ManagerOf(hall));

        var result = await Volumes.ImportAsync(hall, AnalysisApp.Csv(AnalysisApp.Header, "2026-03-01,5,5,5,5,5", "2026-03-02,9,9,9,9,9"), "x.csv", AnalysisApp.ManagerOf(hall));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "日期"), (error.Row, error.Column));
        Assert.StartsWith("2026-03-02 已有业务量数据：导入不覆盖已有日期", error.Reason);
        Assert.Equal(new VolumeFigures(1, 1, 1, 1, 1), (await Volumes.FindAsync(hall, new DateOnly(2026, 3, 2)))!.Figures);
        Assert.Null(await Volumes.FindAsync(hall, new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public async Task Wrong_headers_are_named_against_the_template()
    {
        var hall = await app.NewHallAsync();

        var result = await Volumes.ImportAsync(hall, AnalysisApp.Csv("日期,窗口,网厅", "2026-03-01,1,2"), "旧表.csv", AnalysisApp.ManagerOf(hall));

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Row);
        Assert.Equal("表头不对：应为“日期、金三窗口业务量、电子税务局、手机APP、自助办税终端、智慧办税区”，文件中是“日期、窗口、网厅”。请使用下载的模板", error.Reason);
        Assert.Empty(await Volumes.ListAsync(hall, new DateOnly(2026, 1, 1), AnalysisApp.Today));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, "照片.png", "“照片.png”不是表格文件：请上传 Excel（.xlsx）或 CSV 文件（可先下载模板）")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "报表.csv", "“报表.csv”不是表格文件：请上传 Excel（.xlsx）或 CSV 文件（可先下载模板）")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "老表.xls", "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5 }, "坏的.xlsx", "文件已损坏或不是有效的 Excel（.xlsx）文件")]
    [InlineData(new byte[0], "空.csv", "文件是空的")]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_whole(byte[] bytes, string name, string reason)
    {
        var hall = await app.NewHallAsync();

        var result = await Volumes.ImportAsync(hall, new MemoryStream(bytes), name, AnalysisApp.ManagerOf(hall));

        var error = Assert.Single(result.Errors);
        Assert.Equal((null, null, reason), (error.Row, error.Column, error.Reason));
    }

    [Fact]
    public async Task A_file_over_50_mb_is_refused_while_it_is_read_without_reading_the_rest()
    {
        var hall = await app.NewHallAsync();
        var upload = new EndlessCsv();

        var result = await Volumes.ImportAsync(hall, upload, "巨大.csv", AnalysisApp.ManagerOf(hall));

        Assert.Equal("文件超过 50 MB 上限，已拒绝", Assert.Single(result.Errors).Reason);
        Assert.InRange(upload.Served, BusinessVolumes.MaxFileBytes, BusinessVolumes.MaxFileBytes + 128 * 1024);
        Assert.Empty(await Volumes.ListAsync(hall, new DateOnly(2000, 1, 1), AnalysisApp.Today));
    }

    [Fact]
    public async Task The_form_adds_a_day_then_corrects_it_and_refuses_bad_figures()
    {
        var hall = await app.NewHallAsync();
        var day = new DateOnly(2026, 3, 9);

        await Volumes.SaveDayAsync(hall, new VolumeEntry(day, new VolumeFigures(10, 20, 30, 40, 50)), AnalysisApp.ManagerOf(hall));
        await Volumes.SaveDayAsync(hall, new VolumeEntry(day, new VolumeFigures(11, 20, 30, 40, 50)), AnalysisApp.ManagerOf(hall));
        var negative = await Assert.ThrowsAsync<HallBoard.Domain.ValidationFailedException>(() =>
            Volumes.SaveDayAsync(hall, new VolumeEntry(day, new VolumeFigures(-1, 20, 30, 40, 50)), AnalysisApp.ManagerOf(hall)));
        var future = await Assert.ThrowsAsync<HallBoard.Domain.ValidationFailedException>(() =>
            Volumes.SaveDayAsync(hall, new VolumeEntry(AnalysisApp.Today.AddDays(1), new VolumeFigures(1, 1, 1, 1, 1)), AnalysisApp.ManagerOf(hall)));

        Assert.Equal(11, (await Volumes.FindAsync(hall, day))!.Counter);
        Assert.Equal("金三窗口业务量：业务量不能为负数（-1）", negative.Message);
        Assert.Equal("日期 2026-03-11 晚于今天，不能录入未来的业务量", future.Message);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.HallId == hall).Select(a => a.Action).ToListAsync());
        Assert.Equal(["录入业务量", "修改业务量"], audit);
    }

    /// <summary>An upload that never ends, counting what it has handed out.</summary>
    private sealed class EndlessCsv : Stream
    {
        private static readonly byte[] Line = Encoding.UTF8.GetBytes("2026-03-01,1,2,3,4,5\r\n");
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = Line[(Served + i) % Line.Length];
            Served += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
