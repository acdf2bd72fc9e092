using HallBoard.Domain;
using HallBoard.Features.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Data
{
    public sealed partial class HallDbContext
    {
        public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
        public DbSet<KnowledgeArticleVersion> KnowledgeArticleVersions => Set<KnowledgeArticleVersion>();
        public DbSet<KnowledgeUse> KnowledgeUses => Set<KnowledgeUse>();
        public DbSet<KnowledgeGram> KnowledgeGrams => Set<KnowledgeGram>();
    }
}

namespace HallBoard.Features.Knowledge
{
    internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
    {
        public void Configure(EntityTypeBuilder<KnowledgeArticle> e)
        {
            e.HasIndex(a => new { a.HallId, a.Status, a.Category });
            e.HasIndex(a => a.SourceTicketId);
            e.Property(a => a.Question).HasMaxLength(ArticleContent.MaxQuestion);
            e.Property(a => a.Steps).HasMaxLength((ArticleContent.MaxStep + 1) * ArticleContent.MaxSteps);
            e.Property(a => a.SearchText).HasMaxLength((ArticleContent.MaxStep + 1) * (ArticleContent.MaxSteps + 1));
            e.Property(a => a.Tags).HasMaxLength((ArticleContent.MaxTag + 1) * ArticleContent.MaxTags);
            e.Property(a => a.CreatedBy).HasMaxLength(100);
            e.Property(a => a.UpdatedBy).HasMaxLength(100);
            e.Property(a => a.Revision).IsConcurrencyToken();
            e.HasOne<Hall>().WithMany().HasForeignKey(a => a.HallId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(a => a.SourceTicketId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(a => a.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Ignore(a => a.StepList);
            e.Ignore(a => a.TagList);
            e.Ignore(a => a.Content);
        }
    }

    internal sealed class KnowledgeArticleVersionConfiguration : IEntityTypeConfiguration<KnowledgeArticleVersion>
    {
        public void Configure(EntityTypeBuilder<KnowledgeArticleVersion> e)
        {
            e.HasIndex(v => new { v.ArticleId, v.Version }).IsUnique();
            e.Property(v => v.Question).HasMaxLength(ArticleContent.MaxQuestion);
            e.Property(v => v.Steps).HasMaxLength((ArticleContent.MaxStep + 1) * ArticleContent.MaxSteps);
            e.Property(v => v.Tags).HasMaxLength((ArticleContent.MaxTag + 1) * ArticleContent.MaxTags);
            e.Property(v => v.PublishedBy).HasMaxLength(100);
            e.Ignore(v => v.StepList);
        }
    }

    internal sealed class KnowledgeUseConfiguration : IEntityTypeConfiguration<KnowledgeUse>
    {
        public void Configure(EntityTypeBuilder<KnowledgeUse> e)
        {
            // A ticket counts once per article; the handbook counts a hall's uses by period.
            e.HasIndex(u => new { u.TicketId, u.ArticleId }).IsUnique();
            e.HasIndex(u => new { u.HallId, u.AtUtc });
            e.HasIndex(u => u.ArticleId);
            e.Property(u => u.ActorId).HasMaxLength(64);
            e.Property(u => u.ActorName).HasMaxLength(100);
            e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(u => u.ArticleId);
            e.HasOne<Ticket>().WithMany().HasForeignKey(u => u.TicketId);
        }
    }

    internal sealed class KnowledgeGramConfiguration : IEntityTypeConfiguration<KnowledgeGram>
    {
        public void Configure(EntityTypeBuilder<KnowledgeGram> e)
        {
            // Gram first: the lookup is "which articles hold all of these grams".
            e.HasKey(g => new { g.Gram, g.ArticleId });
            e.HasIndex(g => g.ArticleId);
            e.Property(g => g.Gram).HasMaxLength(8);
            e.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(g => g.ArticleId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
