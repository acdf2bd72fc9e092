namespace HallBoard.Features.Tickets.Pages;

/// <summary>Addresses of the ticket screens, so pages link to each other in one way.</summary>
public static class TicketLinks
{
    public static string Detail(int ticketId) => $"/tickets/{ticketId}";

    /// <summary>Server endpoint (POST with antiforgery) that creates a tablet rating link and locks the tablet to it.</summary>
    public static string Handover(int ticketId) => $"/tickets/{ticketId}/handover";
}
