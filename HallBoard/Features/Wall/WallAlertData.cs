using HallBoard.Domain;
using HallBoard.Features.Wall;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<RaisedHallAlert> RaisedHallAlerts => Set<RaisedHallAlert>();
    }
}

namespace HallBoard.Features.Wall
{
    /// <summary>An alert <see cref="HallAlertMonitor"/> announced as raised and has not cleared yet. Kept in the database
    /// so a restarted app (or another instance) knows what the screens were told, and clears what ended meanwhile.</summary>
    public sealed class RaisedHallAlert
    {
        public const int MaxId = 200;
        public const int MaxMessage = 500;

        public int HallId { get; set; }
        public string AlertId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Severity { get; set; } = "";
        public string Message { get; set; } = "";
        public string? TicketNumber { get; set; }
        public DateTime RaisedUtc { get; set; }

        public HallAlert ToAlert() => new(AlertId, Kind, Severity, Message, TicketNumber, RaisedUtc);

        public static RaisedHallAlert Of(int hallId, HallAlert a) => new()
        {
            HallId = hallId, AlertId = a.AlertId, Kind = a.Kind, Severity = a.Severity, Message = a.Message,
            TicketNumber = a.TicketNumber, RaisedUtc = a.RaisedUtc,
        };
    }

    internal sealed class RaisedHallAlertConfiguration : IEntityTypeConfiguration<RaisedHallAlert>
    {
        public void Configure(EntityTypeBuilder<RaisedHallAlert> e)
        {
            e.HasKey(x => new { x.HallId, x.AlertId });
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.AlertId).HasMaxLength(RaisedHallAlert.MaxId);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.Severity).HasMaxLength(20);
            e.Property(x => x.Message).HasMaxLength(RaisedHallAlert.MaxMessage);
            e.Property(x => x.TicketNumber).HasMaxLength(50);
        }
    }
}
