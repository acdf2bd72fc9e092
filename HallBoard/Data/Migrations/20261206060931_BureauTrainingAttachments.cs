using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class BureauTrainingAttachments : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "BeforeSupervisedHalls",
                table: "PermissionGrants",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisedHalls",
                table: "PermissionGrants",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinalClosedByName",
                table: "MajorIncidents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FinalClosedUtc",
                table: "MajorIncidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CompletedOn",
                table: "CorrectiveActions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OwnerEngineerId",
                table: "CorrectiveActions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CorrectiveActions",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Planned");

            migrationBuilder.CreateTable(
                name: "AccountHalls",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountHalls", x => new { x.UserId, x.HallId });
                    table.ForeignKey(
                        name: "FK_AccountHalls_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountHalls_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attachments_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BureauTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IssuedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OwnerEngineerId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    AcceptedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConfirmedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BureauTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BureauTasks_Engineers_OwnerEngineerId",
                        column: x => x.OwnerEngineerId,
                        principalTable: "Engineers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BureauTasks_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImprovementPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BureauOpinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    BureauOpinionUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OpinionRecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OpinionByBureau = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImprovementPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImprovementPlans_MajorIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "MajorIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NewRequirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RaisedBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ImplementedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewRequirements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewRequirements_Halls_HallId",
                        column: x => x.HallId,
                        principalTable: "Halls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "TransferRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HallId = table.Column<int>(type: "INTEGER", nullable: false),
                    EngineerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferRequests_Engineers_EngineerId",
                        column: x => x.EngineerId,
                        principalTable: "Engineers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BureauTaskEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1100, nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BureauTaskEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BureauTaskEvents_BureauTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "BureauTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanMeasures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanMeasures_ImprovementPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ImprovementPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Trainings_SurveyToken",
                table: "Trainings",
                column: "SurveyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_OwnerEngineerId",
                table: "CorrectiveActions",
                column: "OwnerEngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountHalls_HallId",
                table: "AccountHalls",
                column: "HallId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_HallId",
                table: "Attachments",
                column: "HallId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_Sha256",
                table: "Attachments",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_Subject_SubjectId",
                table: "Attachments",
                columns: new[] { "Subject", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_BureauTaskEvents_TaskId_AtUtc",
                table: "BureauTaskEvents",
                columns: new[] { "TaskId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BureauTasks_HallId_State_DueUtc",
                table: "BureauTasks",
                columns: new[] { "HallId", "State", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BureauTasks_OwnerEngineerId",
                table: "BureauTasks",
                column: "OwnerEngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_ImprovementPlans_IncidentId",
                table: "ImprovementPlans",
                column: "IncidentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewRequirements_HallId_State_RaisedOn",
                table: "NewRequirements",
                columns: new[] { "HallId", "State", "RaisedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasures_PlanId",
                table: "PlanMeasures",
                column: "PlanId");

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

            migrationBuilder.CreateIndex(
                name: "IX_TransferRequests_EngineerId",
                table: "TransferRequests",
                column: "EngineerId");

            migrationBuilder.CreateIndex(
                name: "IX_TransferRequests_HallId_Decision",
                table: "TransferRequests",
                columns: new[] { "HallId", "Decision" });

            migrationBuilder.AddForeignKey(
                name: "FK_CorrectiveActions_Engineers_OwnerEngineerId",
                table: "CorrectiveActions",
                column: "OwnerEngineerId",
                principalTable: "Engineers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CorrectiveActions_Engineers_OwnerEngineerId",
                table: "CorrectiveActions");

            migrationBuilder.DropTable(
                name: "AccountHalls");

            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "BureauTaskEvents");

            migrationBuilder.DropTable(
                name: "NewRequirements");

            migrationBuilder.DropTable(
                name: "PlanMeasures");

            migrationBuilder.DropTable(
                name: "TrainingAttendees");

            migrationBuilder.DropTable(
                name: "TrainingResponses");

            migrationBuilder.DropTable(
                name: "TransferRequests");

            migrationBuilder.DropTable(
                name: "BureauTasks");

            migrationBuilder.DropTable(
                name: "ImprovementPlans");

            migrationBuilder.DropIndex(
                name: "IX_Trainings_SurveyToken",
                table: "Trainings");

            migrationBuilder.DropIndex(
                name: "IX_CorrectiveActions_OwnerEngineerId",
                table: "CorrectiveActions");

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

            migrationBuilder.DropColumn(
                name: "BeforeSupervisedHalls",
                table: "PermissionGrants");

            migrationBuilder.DropColumn(
                name: "SupervisedHalls",
                table: "PermissionGrants");

            migrationBuilder.DropColumn(
                name: "FinalClosedByName",
                table: "MajorIncidents");

            migrationBuilder.DropColumn(
                name: "FinalClosedUtc",
                table: "MajorIncidents");

            migrationBuilder.DropColumn(
                name: "CompletedOn",
                table: "CorrectiveActions");

            migrationBuilder.DropColumn(
                name: "OwnerEngineerId",
                table: "CorrectiveActions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "CorrectiveActions");
        }
    }
}
