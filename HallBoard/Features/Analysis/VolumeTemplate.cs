using System.Text;
using ClosedXML.Excel;

namespace HallBoard.Features.Analysis;

/// <summary>The import template, as .xlsx or as CSV (UTF-8 with BOM, so Excel shows the Chinese headers).</summary>
public static class VolumeTemplate
{
    public const string XlsxName = "业务量导入模板.xlsx";
    public const string CsvName = "业务量导入模板.csv";
    private const string Example = "2026-03-02";

    public static byte[] Csv()
    {
        var text = string.Join(",", VolumeRules.Headers) + "\r\n" + Example + ",120,340,210,45,30\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    public static byte[] Xlsx()
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("业务量");
        for (var i = 0; i < VolumeRules.Headers.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = VolumeRules.Headers[i];
            sheet.Column(i + 1).Width = i == 0 ? 14 : 16;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = DateTime.ParseExact(Example, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        sheet.Cell(2, 1).Style.NumberFormat.Format = "yyyy-mm-dd";
        int[] example = [120, 340, 210, 45, 30];
        for (var i = 0; i < example.Length; i++) sheet.Cell(2, i + 2).Value = example[i];
        sheet.SheetView.FreezeRows(1);
        using var output = new MemoryStream();
        book.SaveAs(output);
        return output.ToArray();
    }
}
