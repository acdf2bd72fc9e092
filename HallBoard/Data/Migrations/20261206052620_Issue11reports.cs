using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HallBoard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue11reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_OwnerEngineerId",
                table: "CorrectiveActions",
                column: "OwnerEngineerId");

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

            migrationBuilder.DropIndex(
                name: "IX_CorrectiveActions_OwnerEngineerId",
                table: "CorrectiveActions");

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
