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
        return services;
    }
}
