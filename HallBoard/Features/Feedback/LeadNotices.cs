using HallBoard.Domain;
using HallBoard.Live;

namespace HallBoard.Features.Feedback;

/// <summary>The notices the hall lead's screens pop up at once. No taxpayer name, ID or phone in them.</summary>
public static class LeadNotices
{
    public const string ComplaintKind = "Complaint";
    public const string BadRatingKind = "BadRating";

    public static HallChange ForComplaint(int hallId, int feedbackId, string feedbackNumber, int? ticketId, string? ticketNumber) =>
        HallChange.ForLead(hallId, new LeadNotice(ComplaintKind,
            ticketNumber is null ? $"收到纳税人投诉 {feedbackNumber}" : $"收到纳税人投诉 {feedbackNumber}（工单 {ticketNumber}，须回访）",
            $"/feedback/{feedbackId}", ticketId, ticketNumber));

    public static HallChange BadRating(int hallId, int ticketId, string ticketNumber, SatisfactionLevel level) =>
        HallChange.ForLead(hallId, new LeadNotice(BadRatingKind,
            $"工单 {ticketNumber} 收到“{Labels.Of(level)}”评价，须回访", $"/tickets/{ticketId}", ticketId, ticketNumber));
}
