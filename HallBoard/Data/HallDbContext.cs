using HallBoard.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HallBoard.Data;

/// <summary>Features add their own entities in a partial file beside their code (DbSet) and an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> class, which is picked up here.</summary>
public sealed partial class HallDbContext(DbContextOptions<HallDbContext> options) : IdentityDbContext<HallUser>(options)
{
    public DbSet<Hall> Halls => Set<Hall>();
    public DbSet<Engineer> Engineers => Set<Engineer>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<Satisfaction> Satisfactions => Set<Satisfaction>();
    public DbSet<TicketRating> TicketRatings => Set<TicketRating>();
    public DbSet<SatisfactionLink> SatisfactionLinks => Set<SatisfactionLink>();
    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<EngineerState> EngineerStates => Set<EngineerState>();
    public DbSet<EngineerStatusChange> EngineerStatusChanges => Set<EngineerStatusChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Times are stored in UTC; this makes them come back marked as UTC.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(HallDbContext).Assembly);

        b.Entity<Hall>(e =>
        {
            e.HasIndex(h => h.Code).IsUnique();
            e.Property(h => h.Code).HasMaxLength(16);
            e.Property(h => h.Name).HasMaxLength(100);
        });
        b.Entity<Engineer>(e =>
        {
            e.HasIndex(x => new { x.HallId, x.EmployeeNo }).IsUnique();
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.EmployeeNo).HasMaxLength(20);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        });
        b.Entity<Ticket>(e =>
        {
            e.HasIndex(t => t.Number).IsUnique();
            e.HasIndex(t => new { t.HallId, t.Status, t.CreatedUtc });
            e.HasIndex(t => t.TaxpayerId);
            // Dashboards, reports and exports read a hall's tickets by period.
            e.HasIndex(t => new { t.HallId, t.CreatedUtc });
            // An export of all halls reads a period in time order (ORDER BY CreatedUtc, Id) without sorting it.
            e.HasIndex(t => new { t.CreatedUtc, t.Id });
            e.Property(t => t.Number).HasMaxLength(32);
            e.Property(t => t.TaxpayerName).HasMaxLength(100);
            e.Property(t => t.TaxpayerId).HasMaxLength(20);
            e.Property(t => t.TaxpayerPhone).HasMaxLength(32);
            e.Property(t => t.Description).HasMaxLength(Ticket.MaxText);
            e.Property(t => t.Resolution).HasMaxLength(Ticket.MaxText);
            e.Property(t => t.CreatedById).HasMaxLength(64);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne<Hall>().WithMany().HasForeignKey(t => t.HallId);
            e.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId);
            e.HasOne(t => t.Satisfaction).WithOne().HasForeignKey<Satisfaction>(s => s.TicketId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Events).WithOne().HasForeignKey(x => x.TicketId);
            e.Navigation(t => t.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.HasMany(t => t.Ratings).WithOne().HasForeignKey(x => x.TicketId);
            e.Navigation(t => t.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        b.Entity<TicketRating>(e =>
        {
            e.HasIndex(x => new { x.TicketId, x.AtUtc });
            e.Property(x => x.Comment).HasMaxLength(500);
        });
        b.Entity<TicketEvent>(e => e.HasIndex(x => new { x.TicketId, x.AtUtc }));
        b.Entity<Satisfaction>(e => e.HasIndex(x => x.TicketId).IsUnique());
        b.Entity<SatisfactionLink>(e =>
        {
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId);
        });
        b.Entity<TicketCounter>(e =>
        {
            e.HasKey(x => new { x.HallId, x.Day });
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.AtUtc);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });
        b.Entity<ApiKey>(e => e.HasIndex(x => x.Hash).IsUnique());
        b.Entity<EngineerState>(e =>
        {
            e.HasKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.Status });
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Engineer>().WithOne().HasForeignKey<EngineerState>(x => x.EngineerId);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
        });
        b.Entity<EngineerStatusChange>(e =>
        {
            e.HasIndex(x => new { x.EngineerId, x.AtUtc });
            e.HasIndex(x => new { x.HallId, x.AtUtc });
            e.Property(x => x.ById).HasMaxLength(64);
            e.Property(x => x.ByName).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
