using Microsoft.EntityFrameworkCore.Migrations;


namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class GuidanceFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "GuidanceSucceeded",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "GuidedOnline",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GuidanceSucceeded",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "GuidedOnline",
                table: "Tickets");
        }
    }
}
