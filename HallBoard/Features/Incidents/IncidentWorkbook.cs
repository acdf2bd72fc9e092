using HallBoard.Hosting;

namespace HallBoard.Features.Incidents;

/// <summary>The 《重大事件处理报告》 as an Excel workbook: its sections laid out like the paper form.</summary>
public sealed class IncidentWorkbook(HallTime time)
{
    public const string ContentType = SectionsWorkbook.ContentType;
    public const string SheetName = "重大事件处理报告";
    private static readonly double[] Widths = [18, 20, 16, 48, 14];

    public static string FileName(IncidentDetail d) => FileName(d.HallCode, d.Incident.Id);

    /// <summary>The downloaded file's name, which the audit trail records (the half-year document check looks for it).</summary>
    public static string FileName(string hallCode, int incidentId) => $"{IncidentReport.Title}-{IncidentReport.NumberOf(hallCode, incidentId)}.xlsx";

    public byte[] Build(IncidentDetail detail) => SectionsWorkbook.Build(SheetName, IncidentReport.Title,
        $"{detail.HallName}　报告生成时间：{time.Format(time.UtcNow)}", IncidentReport.Sections(detail, time), Widths);
}
