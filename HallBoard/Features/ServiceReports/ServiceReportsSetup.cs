using HallBoard.Features.ServiceReports.Workbooks;

namespace HallBoard.Features.ServiceReports;

public static class ServiceReportsSetup
{
    public static IServiceCollection AddServiceReports(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ServiceLevelTargets>(config.GetSection("ServiceReports:Targets"));
        services.AddSingleton<ReportHalls>();
        services.AddSingleton<TeamRecords>();
        services.AddSingleton<OpsReports>();
        services.AddSingleton<MonthlyReports>();
        services.AddSingleton<ServiceLevelReports>();
        services.AddSingleton<OpsReportWorkbook>();
        services.AddSingleton<MonthlyReportWorkbook>();
        services.AddSingleton<ServiceLevelWorkbook>();
        return services;
    }
}
