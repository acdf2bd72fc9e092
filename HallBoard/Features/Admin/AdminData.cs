using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Domain.People;
using HallBoard.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
        /// <summary>The halls a Bureau account supervises besides its home hall; changed only by an approved grant.</summary>
        public DbSet<AccountHall> AccountHalls => Set<AccountHall>();
    }
}

namespace HallBoard.Features.Admin
{
    internal sealed class PermissionGrantConfiguration : IEntityTypeConfiguration<PermissionGrant>
    {
        public void Configure(EntityTypeBuilder<PermissionGrant> e)
        {
            e.HasIndex(x => new { x.State, x.RequestedUtc });
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.SubjectName).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.BeforeRole).HasMaxLength(32);
            e.Property(x => x.KeyScopes).HasMaxLength(32);
            e.Property(x => x.BeforeScopes).HasMaxLength(32);
            e.Property(x => x.SupervisedHalls).HasMaxLength(400);
            e.Property(x => x.BeforeSupervisedHalls).HasMaxLength(400);
            e.Property(x => x.Reason).HasMaxLength(PermissionGrant.MaxReason);
            e.Property(x => x.RequestedById).HasMaxLength(64);
            e.Property(x => x.RequestedByName).HasMaxLength(100);
            e.Property(x => x.DecidedById).HasMaxLength(64);
            e.Property(x => x.DecidedByName).HasMaxLength(100);
            e.Property(x => x.RevokedByName).HasMaxLength(100);
        }
    }

    internal sealed class EngineerProfileConfiguration : IEntityTypeConfiguration<Engineer>
    {
        public void Configure(EntityTypeBuilder<Engineer> e)
        {
            e.Property(x => x.Phone).HasMaxLength(32);
            e.Property(x => x.Major).HasMaxLength(50);
            e.Property(x => x.Certificates).HasMaxLength(200);
        }
    }

    internal sealed class AccountHallConfiguration : IEntityTypeConfiguration<AccountHall>
    {
        public void Configure(EntityTypeBuilder<AccountHall> e)
        {
            e.HasKey(x => new { x.UserId, x.HallId });
            e.Property(x => x.UserId).HasMaxLength(64);
            e.HasOne<HallUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        }
    }
}
