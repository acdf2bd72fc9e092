using HallBoard.Features.Audit;
using HallBoard.Features.Account;

namespace HallBoard.Features.Analysis;

public static class AnalysisSetup
{
    public const string TemplateXlsxPath = "/analysis/template.xlsx";
    public const string TemplateCsvPath = "/analysis/template.csv";

    /// <summary>Who reads and records business volumes.</summary>
    public const string AnalysisRoles = $"{Roles.Manager},{Roles.HallLead}";

    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<BusinessVolumes>();
        services.AddSingleton<BusinessAnalysis>();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var roles = AnalysisRoles.Split(',');
        app.MapGet(TemplateXlsxPath, async (HttpContext http) =>
            {
                await WorkbookDownloads.RecordAsync(http, VolumeTemplate.XlsxName, null);
                return TypedResults.File(VolumeTemplate.Xlsx(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", VolumeTemplate.XlsxName);
            })
            .RequireAuthorization(p => p.RequireRole(roles)).ExcludeFromDescription();
        app.MapGet(TemplateCsvPath, async (HttpContext http) =>
            {
                await WorkbookDownloads.RecordAsync(http, VolumeTemplate.CsvName, null);
                return TypedResults.File(VolumeTemplate.Csv(), "text/csv; charset=utf-8", VolumeTemplate.CsvName);
            })
            .RequireAuthorization(p => p.RequireRole(roles)).ExcludeFromDescription();
        return app;
    }
}
