using HallBoard.Features.Audit;
using HallBoard.Features.Account;

namespace HallBoard.Features.Analysis;

public static class AnalysisEndpoints
{
    public const string TemplateXlsxPath = "/analysis/template.xlsx";
    public const string TemplateCsvPath = "/analysis/template.csv";

    public static IEndpointRouteBuilder MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        // As Delegate: a handler of HttpContext alone would bind as a RequestDelegate, which drops the result.
        app.MapGet(TemplateXlsxPath, (Delegate)XlsxTemplateAsync).RequireRoles(Policies.AnalysisReaders).ExcludeFromDescription();
        app.MapGet(TemplateCsvPath, (Delegate)CsvTemplateAsync).RequireRoles(Policies.AnalysisReaders).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> XlsxTemplateAsync(HttpContext http)
    {
        await WorkbookDownloads.RecordAsync(http, VolumeTemplate.XlsxName, null);
        return TypedResults.File(VolumeTemplate.Xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", VolumeTemplate.XlsxName);
    }

    private static async Task<IResult> CsvTemplateAsync(HttpContext http)
    {
        await WorkbookDownloads.RecordAsync(http, VolumeTemplate.CsvName, null);
        return TypedResults.File(VolumeTemplate.Csv(), "text/csv; charset=utf-8", VolumeTemplate.CsvName);
    }
}
