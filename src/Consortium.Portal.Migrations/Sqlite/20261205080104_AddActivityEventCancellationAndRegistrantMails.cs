using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddActivityEventCancellationAndRegistrantMails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CancellationMailedAtUtc",
                table: "ActivitiesRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmationMailedAtUtc",
                table: "ActivitiesRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderMailedAtUtc",
                table: "ActivitiesRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "ActivitiesEvents",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAtUtc",
                table: "ActivitiesEvents",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancellationMailedAtUtc",
                table: "ActivitiesRegistrations");

            migrationBuilder.DropColumn(
                name: "ConfirmationMailedAtUtc",
                table: "ActivitiesRegistrations");

            migrationBuilder.DropColumn(
                name: "ReminderMailedAtUtc",
                table: "ActivitiesRegistrations");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "ActivitiesEvents");

            migrationBuilder.DropColumn(
                name: "CancelledAtUtc",
                table: "ActivitiesEvents");
        }
    }
}
