using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<TaxpayerFeedback> Feedback => Set<TaxpayerFeedback>();
        public DbSet<FeedbackEvent> FeedbackEvents => Set<FeedbackEvent>();
    }
}

namespace HallBoard.Features.Feedback
{
    internal sealed class TaxpayerFeedbackConfiguration : IEntityTypeConfiguration<TaxpayerFeedback>
    {
        public void Configure(EntityTypeBuilder<TaxpayerFeedback> e)
        {
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.HallId, x.Status, x.CreatedUtc });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.Content).HasMaxLength(TaxpayerFeedback.MaxContent);
            e.Property(x => x.ContactName).HasMaxLength(TaxpayerFeedback.MaxContactName);
            e.Property(x => x.ContactPhone).HasMaxLength(32);
            e.Property(x => x.Reply).HasMaxLength(TaxpayerFeedback.MaxNote);
            e.Property(x => x.CreatedById).HasMaxLength(64);
            e.Property(x => x.CreatedByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.DueUtc);
            e.Ignore(x => x.AlertsLead);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.FeedbackId);
            e.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }

    internal sealed class FeedbackEventConfiguration : IEntityTypeConfiguration<FeedbackEvent>
    {
        public void Configure(EntityTypeBuilder<FeedbackEvent> e)
        {
            e.HasIndex(x => new { x.FeedbackId, x.AtUtc });
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(TaxpayerFeedback.MaxNote);
        }
    }
}
