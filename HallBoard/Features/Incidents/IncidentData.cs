using HallBoard.Domain;
using HallBoard.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<MajorIncident> MajorIncidents => Set<MajorIncident>();
        public DbSet<IncidentEntry> IncidentEntries => Set<IncidentEntry>();
        public DbSet<IncidentTicket> IncidentTickets => Set<IncidentTicket>();
    }
}

namespace HallBoard.Features.Incidents
{
    internal sealed class MajorIncidentConfiguration : IEntityTypeConfiguration<MajorIncident>
    {
        public void Configure(EntityTypeBuilder<MajorIncident> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasIndex(x => new { x.HallId, x.Status, x.StartUtc });
            e.Property(x => x.Title).HasMaxLength(MajorIncident.MaxTitle);
            e.Property(x => x.ChannelCodes).HasMaxLength(200);
            e.Property(x => x.Business).HasMaxLength(MajorIncident.MaxBusiness);
            e.Property(x => x.Description).HasMaxLength(MajorIncident.MaxText);
            e.Property(x => x.Cause).HasMaxLength(MajorIncident.MaxText);
            e.Property(x => x.Measures).HasMaxLength(MajorIncident.MaxText);
            e.Property(x => x.DeclaredById).HasMaxLength(64);
            e.Property(x => x.DeclaredByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.Channels);
            e.Ignore(x => x.IsOpen);
            e.Ignore(x => x.StateLabel);
            e.Property(x => x.FinalClosedByName).HasMaxLength(100);
            e.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.HasMany(x => x.Tickets).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Tickets).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }

    internal sealed class IncidentEntryConfiguration : IEntityTypeConfiguration<IncidentEntry>
    {
        public void Configure(EntityTypeBuilder<IncidentEntry> e)
        {
            e.HasIndex(x => new { x.IncidentId, x.AtUtc });
            e.Property(x => x.Text).HasMaxLength(MajorIncident.MaxText + MajorIncident.MaxParty + 10);
            e.Property(x => x.Party).HasMaxLength(MajorIncident.MaxParty);
            e.Property(x => x.ActorId).HasMaxLength(64);
            e.Property(x => x.ActorName).HasMaxLength(100);
        }
    }

    internal sealed class IncidentTicketConfiguration : IEntityTypeConfiguration<IncidentTicket>
    {
        public void Configure(EntityTypeBuilder<IncidentTicket> e)
        {
            e.HasKey(x => new { x.IncidentId, x.TicketId });
            e.HasIndex(x => x.TicketId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId);
            e.Property(x => x.TicketNumber).HasMaxLength(32);
        }
    }
}
