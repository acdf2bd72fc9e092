using System;
using Microsoft.EntityFrameworkCore.Migrations;


#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PausedSinceUtc",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HallOpeningDays",
                columns: table => new
                {
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HallOpeningDays", x => new { x.HallId, x.Day });
                    table.ForeignKey(
                        name: "FK_HallOpeningDays_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MakeUpWorkdays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakeUpWorkdays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicHolidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    First = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Last = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicHolidays", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "MakeUpWorkdays",
                columns: new[] { "Id", "Day", "Note", "Year" },
                values: new object[,]
                {
                    { 1, new DateOnly(2026, 1, 4), "元旦调休", 2026 },
                    { 2, new DateOnly(2026, 2, 14), "春节调休", 2026 },
                    { 3, new DateOnly(2026, 2, 28), "春节调休", 2026 },
                    { 4, new DateOnly(2026, 5, 9), "劳动节调休", 2026 },
                    { 5, new DateOnly(2026, 9, 20), "国庆节调休", 2026 },
                    { 6, new DateOnly(2026, 10, 10), "国庆节调休", 2026 }
                });

            migrationBuilder.InsertData(
                table: "PublicHolidays",
                columns: new[] { "Id", "First", "Last", "Name", "Year" },
                values: new object[,]
                {
                    { 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 3), "元旦", 2026 },
                    { 2, new DateOnly(2026, 2, 15), new DateOnly(2026, 2, 23), "春节", 2026 },
                    { 3, new DateOnly(2026, 4, 4), new DateOnly(2026, 4, 6), "清明节", 2026 },
                    { 4, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 5), "劳动节", 2026 },
                    { 5, new DateOnly(2026, 6, 19), new DateOnly(2026, 6, 21), "端午节", 2026 },
                    { 6, new DateOnly(2026, 9, 25), new DateOnly(2026, 9, 27), "中秋节", 2026 },
                    { 7, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 7), "国庆节", 2026 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_MakeUpWorkdays_Day",
                table: "MakeUpWorkdays",
                column: "Day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MakeUpWorkdays_Year",
                table: "MakeUpWorkdays",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_PublicHolidays_First",
                table: "PublicHolidays",
                column: "First");

            migrationBuilder.CreateIndex(
                name: "IX_PublicHolidays_Year",
                table: "PublicHolidays",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HallOpeningDays");

            migrationBuilder.DropTable(
                name: "MakeUpWorkdays");

            migrationBuilder.DropTable(
                name: "PublicHolidays");

            migrationBuilder.DropColumn(
                name: "PausedSinceUtc",
                table: "Tickets");
        }
    }
}
