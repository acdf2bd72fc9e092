using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class BusinessVolumes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BusinessVolumes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Counter = table.Column<int>(type: "INTEGER", nullable: false),
                    ETaxWeb = table.Column<int>(type: "INTEGER", nullable: false),
                    MobileApp = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfService = table.Column<int>(type: "INTEGER", nullable: false),
                    SmartArea = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessVolumes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BusinessVolumes_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessVolumes_HallId_Day",
                table: "BusinessVolumes",
                columns: new[] { "HallId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusinessVolumes");
        }
    }
}
