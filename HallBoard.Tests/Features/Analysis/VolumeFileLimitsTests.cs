using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using HallBoard.Features.Analysis;

namespace HallBoard.Tests.Features.Analysis;

/// <summary>Hostile or broken uploads are refused whole with a Chinese reason, never with a crash or a long walk.</summary>
public sealed class VolumeFileLimitsTests
{
    private static byte[] Workbook(Action<IXLWorksheet> fill)
    {
        using var book = new XLWorkbook();
        fill(book.AddWorksheet("业务量"));
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }

    private static byte[] Rewrite(byte[] xlsx, string entryName, Func<string, string> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(xlsx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(entryName)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write(change(text));
        }
        return buffer.ToArray();
    }

    [Fact]
    public void A_sheet_without_r_id_is_a_clear_import_error()
    {
        var good = Workbook(s => s.Cell(1, 1).Value = "日期");
        var broken = Rewrite(good, "xl/workbook.xml", xml => Regex.Replace(xml, @"\s+r:id=""[^""]*""", ""));
        Assert.DoesNotContain("r:id", Encoding.UTF8.GetString(broken));

        var refused = Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(broken, "坏表.xlsx"));

        Assert.StartsWith("第一个工作表不是数据表", refused.Message);
    }

    [Fact]
    public void A_workbook_that_inflates_past_the_cap_is_refused_before_it_is_read()
    {
        var good = Workbook(s => s.Cell(1, 1).Value = "日期");
        using var buffer = new MemoryStream();
        buffer.Write(good);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var padding = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 21; i++) padding.Write(zeros);
        }
        Assert.True(buffer.Length < 1024 * 1024, "the upload itself is small");

        var refused = Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(buffer.ToArray(), "炸弹.xlsx"));

        Assert.Equal("工作簿解压后超过 20 MB 上限，请只保留业务量数据后再导入", refused.Message);
    }

    [Fact]
    public void Too_many_shared_strings_are_refused()
    {
        var book = Workbook(s =>
        {
            for (var i = 0; i < VolumeFileReader.MaxSharedStrings + 10; i++) s.Cell(i / 10 + 1, i % 10 + 1).Value = $"文本{i}";
        });

        var refused = Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(book, "文本.xlsx"));

        Assert.StartsWith("工作簿中的文本过多", refused.Message);
    }

    [Fact]
    public void Blank_rows_count_toward_the_row_cap_in_csv_and_xlsx()
    {
        var csv = new StringBuilder(AnalysisApp.Header + "\r\n");
        for (var i = 0; i < VolumeFileReader.MaxRows + 5; i++) csv.Append(",,,,,\r\n");
        csv.Append("2026-03-01,1,2,3,4,5\r\n");
        var fromCsv = Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(Encoding.UTF8.GetBytes(csv.ToString()), "空行.csv"));
        Assert.Equal("文件数据超过 3,700 行上限（空行也计入），请分批导入", fromCsv.Message);

        var blankLines = AnalysisApp.Header + "\r\n" + string.Concat(Enumerable.Repeat("\r\n", VolumeFileReader.MaxRows + 5));
        Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(Encoding.UTF8.GetBytes(blankLines), "空行.csv"));

        var xlsx = Workbook(s =>
        {
            s.Cell(1, 1).Value = "日期";
            for (var r = 2; r < VolumeFileReader.MaxRows + 8; r++) s.Cell(r, 1).Value = " ";
        });
        Assert.Throws<VolumeFileRefused>(() => VolumeFileReader.Read(xlsx, "空行.xlsx"));
    }

    [Fact]
    public void Quoted_fields_with_commas_and_line_breaks_keep_their_row_numbers()
    {
        var text = AnalysisApp.Header + "\r\n\"2026-03-01\",\"1\",2,3,4,5\r\n\r\n\"2026-03-\r\n02\",1,2,3,4,5\r\n2026-03-03,\"1,0\",2,3,4,5\r\n";

        var rows = VolumeFileReader.Read(Encoding.UTF8.GetBytes(text), "引号.csv");

        Assert.Equal([1, 2, 4, 6], rows.Select(r => r.Number));
        Assert.Equal("2026-03-01", rows[1][0].Text);
        Assert.Equal("2026-03-\r\n02", rows[2][0].Text);
        Assert.Equal("1,0", rows[3][1].Text);
    }
}
