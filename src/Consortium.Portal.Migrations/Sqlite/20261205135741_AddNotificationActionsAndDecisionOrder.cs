using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNotificationActionsAndDecisionOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActionsJson",
                table: "NotificationsInbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsDecisions_DecidedAtUtc_Number",
                table: "MeetingsDecisions",
                columns: new[] { "DecidedAtUtc", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeetingsDecisions_DecidedAtUtc_Number",
                table: "MeetingsDecisions");

            migrationBuilder.DropColumn(
                name: "ActionsJson",
                table: "NotificationsInbox");
        }
    }
}
