using HallBoard.Domain;
using HallBoard.Features.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<BusinessVolume> BusinessVolumes => Set<BusinessVolume>();
    }
}

namespace HallBoard.Features.Analysis
{
    public sealed class BusinessVolumeConfiguration : IEntityTypeConfiguration<BusinessVolume>
    {
        public void Configure(EntityTypeBuilder<BusinessVolume> e)
        {
            e.HasIndex(x => new { x.HallId, x.Day }).IsUnique();
            e.Property(x => x.UpdatedBy).HasMaxLength(100);
            e.Ignore(x => x.Online);
            e.Ignore(x => x.Figures);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        }
    }
}
