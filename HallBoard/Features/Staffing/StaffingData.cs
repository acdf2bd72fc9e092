using HallBoard.Domain;
using HallBoard.Features.Staffing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<RosterShift> RosterShifts => Set<RosterShift>();
        public DbSet<OnCallSlot> OnCallSlots => Set<OnCallSlot>();
        public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();
        public DbSet<AbsenceRecord> AbsenceRecords => Set<AbsenceRecord>();
        public DbSet<Rectification> Rectifications => Set<Rectification>();
        public DbSet<ReplacementCase> ReplacementCases => Set<ReplacementCase>();
        public DbSet<MajorFault> MajorFaults => Set<MajorFault>();
        public DbSet<TransferRecord> TransferRecords => Set<TransferRecord>();
        public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    }
}

namespace HallBoard.Features.Staffing
{
    internal sealed class RosterShiftConfiguration : IEntityTypeConfiguration<RosterShift>
    {
        public void Configure(EntityTypeBuilder<RosterShift> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.StartUtc, x.EndUtc });
            e.HasIndex(x => new { x.EngineerId, x.StartUtc });
            e.Property(x => x.Label).HasMaxLength(RosterShift.MaxLabel);
        }
    }

    internal sealed class OnCallSlotConfiguration : IEntityTypeConfiguration<OnCallSlot>
    {
        public void Configure(EntityTypeBuilder<OnCallSlot> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.FromUtc, x.ToUtc });
        }
    }

    internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
    {
        public void Configure(EntityTypeBuilder<LeaveRequest> e)
        {
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.SubstituteId);
            e.HasIndex(x => new { x.HallId, x.State, x.StartUtc });
            e.HasIndex(x => new { x.EngineerId, x.StartUtc });
            e.Property(x => x.Reason).HasMaxLength(LeaveRequest.MaxReason);
            e.Property(x => x.RefusalReason).HasMaxLength(LeaveRequest.MaxReason);
            e.Property(x => x.RequestedByName).HasMaxLength(100);
            e.Property(x => x.LeadApprovedByName).HasMaxLength(100);
            e.Property(x => x.ManagerApprovedByName).HasMaxLength(100);
            e.Property(x => x.RefusedByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.MoreThanOneDay);
            e.Ignore(x => x.StateLabel);
        }
    }

    internal sealed class AbsenceRecordConfiguration : IEntityTypeConfiguration<AbsenceRecord>
    {
        public void Configure(EntityTypeBuilder<AbsenceRecord> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            // One record per stretch: the periodic check finds it again and only moves its end.
            e.HasIndex(x => new { x.EngineerId, x.StartUtc }).IsUnique();
            e.HasIndex(x => new { x.HallId, x.StartUtc });
        }
    }

    internal sealed class RectificationConfiguration : IEntityTypeConfiguration<Rectification>
    {
        public void Configure(EntityTypeBuilder<Rectification> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.IssuedUtc });
            e.Property(x => x.Reason).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.IssuedByName).HasMaxLength(100);
            e.Property(x => x.ConcludedByName).HasMaxLength(100);
        }
    }

    internal sealed class ReplacementCaseConfiguration : IEntityTypeConfiguration<ReplacementCase>
    {
        public void Configure(EntityTypeBuilder<ReplacementCase> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.ClosedUtc, x.DueUtc });
            // One open case per engineer.
            e.HasIndex(x => x.EngineerId).IsUnique().HasFilter("\"ClosedUtc\" IS NULL").HasDatabaseName("IX_ReplacementCases_OpenPerEngineer");
            e.Property(x => x.Reason).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.ClosingNote).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.ClosedByName).HasMaxLength(100);
        }
    }

    internal sealed class MajorFaultConfiguration : IEntityTypeConfiguration<MajorFault>
    {
        public void Configure(EntityTypeBuilder<MajorFault> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.AtUtc });
            e.Property(x => x.Detail).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.ByName).HasMaxLength(100);
        }
    }

    internal sealed class TransferRecordConfiguration : IEntityTypeConfiguration<TransferRecord>
    {
        public void Configure(EntityTypeBuilder<TransferRecord> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.RecordedUtc });
            e.Property(x => x.Destination).HasMaxLength(100);
            e.Property(x => x.ConsentByName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.RecordedByName).HasMaxLength(100);
        }
    }

    internal sealed class TransferRequestConfiguration : IEntityTypeConfiguration<TransferRequest>
    {
        public void Configure(EntityTypeBuilder<TransferRequest> e)
        {
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
            e.HasIndex(x => new { x.HallId, x.Decision });
            e.Property(x => x.Destination).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(Rectification.MaxText);
            e.Property(x => x.RequestedByName).HasMaxLength(100);
            e.Property(x => x.DecidedByName).HasMaxLength(100);
            e.Property(x => x.DecisionNote).HasMaxLength(Rectification.MaxText);
        }
    }
}
