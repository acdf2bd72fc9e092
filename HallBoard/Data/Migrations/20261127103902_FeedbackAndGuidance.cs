using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeedbackAndGuidance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CallBackRequiredUtc",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GuidanceItemId",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandleDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplyDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CloseDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandlingUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepliedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Feedback_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Feedback_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GuidanceItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuidanceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuidanceItems_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedbackId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackEvents_Feedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_GuidanceItemId",
                table: "Tickets",
                column: "GuidanceItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_HallId_Status_CreatedUtc",
                table: "Feedback",
                columns: new[] { "HallId", "Status", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Number",
                table: "Feedback",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_TicketId",
                table: "Feedback",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackEvents_FeedbackId_AtUtc",
                table: "FeedbackEvents",
                columns: new[] { "FeedbackId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_GuidanceItems_HallId_Name",
                table: "GuidanceItems",
                columns: new[] { "HallId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Tickets_GuidanceItems_GuidanceItemId",
                table: "Tickets",
                column: "GuidanceItemId",
                principalTable: "GuidanceItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Tickets_GuidanceItems_GuidanceItemId",
                table: "Tickets");

            migrationBuilder.DropTable(
                name: "FeedbackEvents");

            migrationBuilder.DropTable(
                name: "GuidanceItems");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_GuidanceItemId",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "CallBackRequiredUtc",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "GuidanceItemId",
                table: "Tickets");
        }
    }
}
