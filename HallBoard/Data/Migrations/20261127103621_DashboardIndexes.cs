using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardCounts",
                columns: table => new
                {
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCounts", x => new { x.HallId, x.Day, x.Metric, x.Key });
                    table.ForeignKey(
                        name: "FK_DashboardCounts_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Dashboard_Unresolved",
                table: "Tickets",
                columns: new[] { "HallId", "CreatedUtc", "AssigneeId", "TakenUtc", "ResponseDueUtc", "ResolveDueUtc", "PausedSinceUtc", "ResolvedUtc" },
                filter: "\"ResolvedUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DashboardCounts_Covering",
                table: "DashboardCounts",
                columns: new[] { "HallId", "Day", "Metric", "Key", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardCounts");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Dashboard_Unresolved",
                table: "Tickets");
        }
    }
}
