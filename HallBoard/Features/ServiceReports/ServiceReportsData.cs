using Microsoft.EntityFrameworkCore;
using HallBoard.Features.ServiceReports.Records;

namespace HallBoard.Data;

public sealed partial class HallDbContext
{
    public DbSet<ImprovementAction> ImprovementActions => Set<ImprovementAction>();
    public DbSet<ServiceLevelReport> ServiceLevelReports => Set<ServiceLevelReport>();
    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();
}
