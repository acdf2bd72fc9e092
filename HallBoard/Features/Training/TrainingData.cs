using HallBoard.Domain;
using HallBoard.Features.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<TrainingSession> Trainings => Set<TrainingSession>();
        public DbSet<TrainingAttendee> TrainingAttendees => Set<TrainingAttendee>();
        public DbSet<TrainingResponse> TrainingResponses => Set<TrainingResponse>();
    }
}

namespace HallBoard.Features.Training
{
    internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
    {
        public void Configure(EntityTypeBuilder<TrainingSession> e)
        {
            // The table keeps the name of the log of past sessions it grew from, so those rows stay as held sessions.
            e.ToTable("Trainings");
            e.HasIndex(x => new { x.HallId, x.Date });
            e.HasIndex(x => x.SurveyToken).IsUnique();
            e.Property(x => x.Topic).HasMaxLength(TrainingSession.MaxTopic);
            e.Property(x => x.Trainer).HasMaxLength(50);
            e.Property(x => x.Attendees).HasMaxLength(TrainingSession.MaxAttendees);
            e.Property(x => x.CreatedByName).HasMaxLength(100);
            e.Property(x => x.Place).HasMaxLength(TrainingSession.MaxPlace);
            e.Property(x => x.Audience).HasMaxLength(TrainingSession.MaxAudience);
            e.Property(x => x.Outline).HasMaxLength(TrainingSession.MaxText);
            e.Property(x => x.SurveyToken).HasMaxLength(64);
            e.Property(x => x.Questions).HasMaxLength(TrainingSession.MaxText);
            e.Property(x => x.Conclusion).HasMaxLength(TrainingSession.MaxText);
            e.Property(x => x.ConclusionByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Status).HasDefaultValue(TrainingStatus.Held);
            e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
            e.HasMany(x => x.People).WithOne().HasForeignKey(x => x.TrainingId).OnDelete(DeleteBehavior.Cascade);
        }
    }

    internal sealed class TrainingAttendeeConfiguration : IEntityTypeConfiguration<TrainingAttendee>
    {
        public void Configure(EntityTypeBuilder<TrainingAttendee> e)
        {
            e.HasIndex(x => new { x.TrainingId, x.EngineerId }).IsUnique();
            e.HasIndex(x => x.EngineerId);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.SignedInByName).HasMaxLength(100);
            e.HasOne<Engineer>().WithMany().HasForeignKey(x => x.EngineerId);
        }
    }

    internal sealed class TrainingResponseConfiguration : IEntityTypeConfiguration<TrainingResponse>
    {
        public void Configure(EntityTypeBuilder<TrainingResponse> e)
        {
            e.HasIndex(x => x.TrainingId);
            e.Property(x => x.Answers).HasMaxLength(TrainingSession.MaxText * 4);
            e.HasOne<TrainingSession>().WithMany().HasForeignKey(x => x.TrainingId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
