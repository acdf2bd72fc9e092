using HallBoard.Domain;
using HallBoard.Features.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<Escalation> Escalations => Set<Escalation>();
    }
}

namespace HallBoard.Features.Escalations
{
    internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
    {
        public void Configure(EntityTypeBuilder<Escalation> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId);
            // The open escalations of a hall, oldest first: the lead's list and the wall's alerts.
            e.HasIndex(x => new { x.HallId, x.AnsweredUtc, x.RaisedUtc });
            // A ticket waits on one answer at a time.
            e.HasIndex(x => x.TicketId).IsUnique().HasFilter("\"AnsweredUtc\" IS NULL").HasDatabaseName("IX_Escalations_OpenPerTicket");
            e.HasIndex(x => new { x.TicketId, x.RaisedUtc });
            e.Property(x => x.TicketNumber).HasMaxLength(32);
            e.Property(x => x.Recipient).HasMaxLength(Escalation.MaxRecipient);
            e.Property(x => x.Reason).HasMaxLength(Escalation.MaxReason);
            e.Property(x => x.Answer).HasMaxLength(Escalation.MaxAnswer);
            e.Property(x => x.RaisedById).HasMaxLength(64);
            e.Property(x => x.RaisedByName).HasMaxLength(100);
            e.Property(x => x.AnsweredById).HasMaxLength(64);
            e.Property(x => x.AnsweredByName).HasMaxLength(100);
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.TargetLabel);
        }
    }
}
