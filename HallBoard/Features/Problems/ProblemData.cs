using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using HallBoard.Features.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<Problem> Problems => Set<Problem>();
        public DbSet<ProblemNote> ProblemNotes => Set<ProblemNote>();
        public DbSet<ProblemTicket> ProblemTickets => Set<ProblemTicket>();
    }
}

namespace HallBoard.Features.Problems
{
    internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
    {
        public void Configure(EntityTypeBuilder<Problem> e)
        {
            e.HasIndex(p => new { p.HallId, p.Status });
            e.Property(p => p.Title).HasMaxLength(Problem.MaxTitle);
            e.Property(p => p.Description).HasMaxLength(Problem.MaxText);
            e.Property(p => p.Workaround).HasMaxLength(Problem.MaxText);
            e.Property(p => p.Resolution).HasMaxLength(Problem.MaxText);
            e.Property(p => p.CreatedBy).HasMaxLength(100);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne<Hall>().WithMany().HasForeignKey(p => p.HallId);
            e.HasOne<Problem>().WithMany().HasForeignKey(p => p.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(p => p.Notes).WithOne().HasForeignKey(n => n.ProblemId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(p => p.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Ignore(p => p.IsFinished);
        }
    }

    internal sealed class ProblemNoteConfiguration : IEntityTypeConfiguration<ProblemNote>
    {
        public void Configure(EntityTypeBuilder<ProblemNote> e)
        {
            e.HasIndex(n => new { n.ProblemId, n.AtUtc });
            e.Property(n => n.Who).HasMaxLength(Problem.MaxWho);
            e.Property(n => n.Text).HasMaxLength(Problem.MaxNote);
            e.Property(n => n.ActorId).HasMaxLength(64);
            e.Property(n => n.ActorName).HasMaxLength(100);
        }
    }

    internal sealed class ProblemTicketConfiguration : IEntityTypeConfiguration<ProblemTicket>
    {
        public void Configure(EntityTypeBuilder<ProblemTicket> e)
        {
            e.HasKey(x => new { x.ProblemId, x.TicketId });
            // A ticket has one cause: it belongs to at most one problem.
            e.HasIndex(x => x.TicketId).IsUnique();
            e.Property(x => x.LinkedBy).HasMaxLength(100);
            e.HasOne<Problem>().WithMany().HasForeignKey(x => x.ProblemId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Ticket>().WithMany().HasForeignKey(x => x.TicketId);
        }
    }
}
