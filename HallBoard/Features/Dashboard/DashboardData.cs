using HallBoard.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Data;

public sealed partial class HallDbContext
{
    public DbSet<DashboardCount> DashboardCounts => Set<DashboardCount>();
}
