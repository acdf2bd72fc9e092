using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// The daily rollup behind the dashboard: for a hall and a local day (the day its tickets were logged), how many
/// tickets have a fact, e.g. ("channel", "Counter") or ("resolve", "met"). Kept in step with the tickets by
/// <see cref="DashboardRollup"/> in the same transaction as every ticket change, so a year of a busy hall is a few
/// thousand small rows instead of hundreds of thousands of tickets.
/// </summary>
public sealed class DashboardCount
{
    public int HallId { get; set; }
    public DateOnly Day { get; set; }
    public required string Metric { get; set; }
    public required string Key { get; set; }
    public int Count { get; set; }
}

public sealed class DashboardCountConfiguration : IEntityTypeConfiguration<DashboardCount>
{
    public void Configure(EntityTypeBuilder<DashboardCount> e)
    {
        e.HasKey(x => new { x.HallId, x.Day, x.Metric, x.Key });
        e.Property(x => x.Metric).HasMaxLength(32);
        e.Property(x => x.Key).HasMaxLength(32);
        // Covering: a period's sums never visit the table.
        e.HasIndex(x => new { x.HallId, x.Day, x.Metric, x.Key, x.Count }).HasDatabaseName("IX_DashboardCounts_Covering");
        e.HasOne<Hall>().WithMany().HasForeignKey(x => x.HallId);
    }
}
