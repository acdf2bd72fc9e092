using HallBoard.Features.Reports.Export;

namespace HallBoard.Features.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<TicketExport>();
        services.AddOptions<ExportJobOptions>().BindConfiguration("Reports:Exports");
        services.AddSingleton<ExportJobs>();
        return services;
    }
}
