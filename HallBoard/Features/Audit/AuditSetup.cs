using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HallBoard.Features.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditChain>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<AuditChain>());
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditExport>();
        services.AddOptions<AuditOptions>().BindConfiguration("Audit")
            .Validate(o => o.RetentionDays >= AuditOptions.MinRetentionDays, "Audit:RetentionDays 不能少于 184 天（审计日志至少保留六个月）。")
            .ValidateOnStart();
        services.AddSingleton<AuditRetention>();
        services.AddHostedService<AuditPurgeService>();
        return services;
    }
}
