using HallBoard.Features.Incidents;
using HallBoard.Hosting;

namespace HallBoard.Features.Training;

/// <summary>A training document as an Excel workbook: its sections laid out like the paper form.</summary>
public sealed class TrainingWorkbook(HallTime time)
{
    public const string ContentType = SectionsWorkbook.ContentType;
    private static readonly double[] Widths = [22, 22, 12, 12, 12, 12, 12, 12];

    public static string FileName(TrainingDocument doc) => $"{doc.Title}-{doc.Number}.xlsx";

    public byte[] Build(TrainingDocument doc) => SectionsWorkbook.Build(doc.Title, doc.Title,
        $"{doc.HallName}　编号：{doc.Number}　生成时间：{time.Format(time.UtcNow)}", doc.Sections, Widths);
}
