using HallBoard.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data;

public sealed partial class HallDbContext
{
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
}

internal sealed class AuditEntryChainConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.PrevHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        // Verify walks a hall's chain in order; a second row claiming the same predecessor (a fork) is refused.
        e.HasIndex(x => new { x.HallId, x.Seq });
        e.HasIndex(x => x.PrevHash).IsUnique();
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> e)
    {
        e.HasKey(x => x.Chain);
        e.Property(x => x.Chain).ValueGeneratedNever();
        e.Property(x => x.LastHash).HasMaxLength(64).IsConcurrencyToken();
        e.Property(x => x.AnchorHash).HasMaxLength(64);
    }
}
