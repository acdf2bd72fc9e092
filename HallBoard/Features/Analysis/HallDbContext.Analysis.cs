using Microsoft.EntityFrameworkCore;
using HallBoard.Features.Analysis;

namespace HallBoard.Data;

public sealed partial class HallDbContext
{
    public DbSet<BusinessVolume> BusinessVolumes => Set<BusinessVolume>();
}
