using HallBoard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HallBoard.Features.Dashboard;

/// <summary>
/// Covering indexes for the dashboard: each query reads a hall's tickets by creation time and finds every column it
/// groups or counts in the index itself, so a period of a busy hall is one range scan, never a read of the table.
/// </summary>
public sealed class DashboardIndexes : IEntityTypeConfiguration<Ticket>, IEntityTypeConfiguration<Domain.Satisfaction>
{
    public const string Mix = "IX_Tickets_Dashboard_Mix";
    public const string Service = "IX_Tickets_Dashboard_Service";
    public const string Rating = "IX_Satisfactions_Dashboard";

    public void Configure(EntityTypeBuilder<Ticket> e)
    {
        // Channel, category and kind.
        e.HasIndex(t => new { t.HallId, t.CreatedUtc, t.Channel, t.Category, t.Kind }).HasDatabaseName(Mix);
        // SLA, call-back, guidance and the engineers' figures.
        e.HasIndex(t => new
        {
            t.HallId, t.CreatedUtc, t.AssigneeId, t.TakenUtc, t.ResponseDueUtc, t.ResolvedUtc, t.ResolveDueUtc,
            t.FollowedUpUtc, t.CloseReason, t.GuidedOnline, t.GuidanceSucceeded,
        }).HasDatabaseName(Service);
    }

    /// <summary>The rating of a ticket without a visit to the table.</summary>
    public void Configure(EntityTypeBuilder<Domain.Satisfaction> e) =>
        e.HasIndex(s => new { s.TicketId, s.Level }).HasDatabaseName(Rating);
}
