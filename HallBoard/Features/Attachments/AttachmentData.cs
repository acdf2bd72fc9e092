using HallBoard.Domain;
using HallBoard.Features.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<Attachment> Attachments => Set<Attachment>();
    }
}

namespace HallBoard.Features.Attachments
{
    internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
    {
        public void Configure(EntityTypeBuilder<Attachment> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasIndex(x => new { x.Subject, x.SubjectId });
            // Removing a row asks whether another row still points to the file.
            e.HasIndex(x => x.Sha256);
            e.Property(x => x.FileName).HasMaxLength(Attachment.MaxFileName);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedById).HasMaxLength(64);
            e.Property(x => x.UploadedByName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(Attachment.MaxNote);
            e.Ignore(x => x.IsImage);
        }
    }
}
