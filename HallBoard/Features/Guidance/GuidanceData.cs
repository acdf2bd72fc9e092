using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<GuidanceItem> GuidanceItems => Set<GuidanceItem>();
    }
}

namespace HallBoard.Features.Guidance
{
    internal sealed class GuidanceItemConfiguration : IEntityTypeConfiguration<GuidanceItem>
    {
        public void Configure(EntityTypeBuilder<GuidanceItem> e)
        {
            e.Property(x => x.Name).HasMaxLength(GuidanceItem.MaxName);
            e.HasIndex(x => new { x.HallId, x.Name }).IsUnique();
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            // A ticket may name the item its taxpayer was guided for; items are retired, never deleted.
            e.HasMany<Ticket>().WithOne().HasForeignKey(t => t.GuidanceItemId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
