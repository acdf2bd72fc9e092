using Microsoft.EntityFrameworkCore.Migrations;


namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Dashboard_Mix",
                table: "Tickets",
                columns: new[] { "HallId", "CreatedUtc", "Channel", "Category", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Dashboard_Service",
                table: "Tickets",
                columns: new[] { "HallId", "CreatedUtc", "AssigneeId", "TakenUtc", "ResponseDueUtc", "ResolvedUtc", "ResolveDueUtc", "FollowedUpUtc", "CloseReason", "GuidedOnline", "GuidanceSucceeded" });

            migrationBuilder.CreateIndex(
                name: "IX_Satisfactions_Dashboard",
                table: "Satisfactions",
                columns: new[] { "TicketId", "Level" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_Dashboard_Mix",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Dashboard_Service",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Satisfactions_Dashboard",
                table: "Satisfactions");
        }
    }
}
