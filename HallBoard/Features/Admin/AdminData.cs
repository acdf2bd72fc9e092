using HallBoard.Domain;
using HallBoard.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
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
}
