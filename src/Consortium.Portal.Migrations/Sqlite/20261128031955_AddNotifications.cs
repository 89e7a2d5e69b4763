using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NotificationsDigestRuns",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotificationCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationsDigestRuns", x => new { x.UserId, x.LocalDate });
                });

            migrationBuilder.CreateTable(
                name: "NotificationsInbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Module = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    SourceMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    EmailState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    EmailAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EmailedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationsInbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationsPreferences",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationsPreferences", x => new { x.UserId, x.Type });
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationsInbox_Delivery_EmailState",
                table: "NotificationsInbox",
                columns: new[] { "Delivery", "EmailState" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationsInbox_RecipientId_CreatedAtUtc",
                table: "NotificationsInbox",
                columns: new[] { "RecipientId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationsInbox_RecipientId_ReadAtUtc",
                table: "NotificationsInbox",
                columns: new[] { "RecipientId", "ReadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationsInbox_SourceMessageId_RecipientId_Type",
                table: "NotificationsInbox",
                columns: new[] { "SourceMessageId", "RecipientId", "Type" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationsDigestRuns");

            migrationBuilder.DropTable(
                name: "NotificationsInbox");

            migrationBuilder.DropTable(
                name: "NotificationsPreferences");
        }
    }
}
