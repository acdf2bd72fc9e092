using System.Globalization;
using HallBoard.Features.ServiceReports.Workbooks;

namespace HallBoard.Features.ServiceReports;

/// <summary>A report value as the printable page shows it: what the workbook holds, shown the way Excel would.</summary>
public static class ReportText
{
    public static string Show(object? value) => value switch
    {
        null => "—",
        Percent p => p.Value is { } v ? Ratio.Pct(v) : "—",
        DateTime local => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly day => ReportPeriod.Text(day),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
