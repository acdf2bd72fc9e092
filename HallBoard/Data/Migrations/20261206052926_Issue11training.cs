using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue11training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "Trainings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Conclusion",
                table: "Trainings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConclusionByName",
                table: "Trainings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConclusionUtc",
                table: "Trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "EndTime",
                table: "Trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outline",
                table: "Trainings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Place",
                table: "Trainings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Questions",
                table: "Trainings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "StartTime",
                table: "Trainings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Trainings",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Held");

            migrationBuilder.AddColumn<string>(
                name: "SurveyToken",
                table: "Trainings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Trainings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TrainingAttendees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainingId = table.Column<int>(type: "INTEGER", nullable: false),
                    EngineerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Planned = table.Column<bool>(type: "INTEGER", nullable: false),
                    SignedInUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedInByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingAttendees_Engineers_EngineerId",
                        column: x => x.EngineerId,
                        principalTable: "Engineers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_TrainingAttendees_Trainings_TrainingId",
                        column: x => x.TrainingId,
                        principalTable: "Trainings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrainingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingResponses_Trainings_TrainingId",
                        column: x => x.TrainingId,
                        principalTable: "Trainings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Trainings_SurveyToken",
                table: "Trainings",
                column: "SurveyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAttendees_EngineerId",
                table: "TrainingAttendees",
                column: "EngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAttendees_TrainingId_EngineerId",
                table: "TrainingAttendees",
                columns: new[] { "TrainingId", "EngineerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingResponses_TrainingId",
                table: "TrainingResponses",
                column: "TrainingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrainingAttendees");

            migrationBuilder.DropTable(
                name: "TrainingResponses");

            migrationBuilder.DropIndex(
                name: "IX_Trainings_SurveyToken",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Conclusion",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "ConclusionByName",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "ConclusionUtc",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "EndTime",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Outline",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Place",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Questions",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "StartTime",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "SurveyToken",
                table: "Trainings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Trainings");
        }
    }
}
