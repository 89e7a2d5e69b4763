using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivitiesAttendanceTallies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetGroup = table.Column<int>(type: "INTEGER", nullable: true),
                    Gender = table.Column<int>(type: "INTEGER", nullable: true),
                    AgeGroup = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesAttendanceTallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    LocalStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocalEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TownId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OrganisingPartners = table.Column<string>(type: "TEXT", nullable: false),
                    ParticipatingPartners = table.Column<string>(type: "TEXT", nullable: false),
                    Speakers = table.Column<string>(type: "TEXT", nullable: false),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    IsCancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonalDataReducedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    GivenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesPlan",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameSq = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameSrLatn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadPartners = table.Column<string>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    Targets = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesPlan", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TargetGroup = table.Column<int>(type: "INTEGER", nullable: false),
                    Gender = table.Column<int>(type: "INTEGER", nullable: true),
                    AgeGroup = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CheckedInAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeedbackGivenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesRegistrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesTowns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Side = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesTowns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesOutputs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesOutputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivitiesOutputs_ActivitiesEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ActivitiesEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesAttendanceTallies_EventId",
                table: "ActivitiesAttendanceTallies",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesEvents_ActivityId_StartUtc",
                table: "ActivitiesEvents",
                columns: new[] { "ActivityId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesEvents_StartUtc",
                table: "ActivitiesEvents",
                column: "StartUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesFeedback_EventId",
                table: "ActivitiesFeedback",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesOutputs_EventId",
                table: "ActivitiesOutputs",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesPlan_Number",
                table: "ActivitiesPlan",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesRegistrations_EmailKey",
                table: "ActivitiesRegistrations",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesRegistrations_EventId_EmailKey",
                table: "ActivitiesRegistrations",
                columns: new[] { "EventId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesRegistrations_TokenHash",
                table: "ActivitiesRegistrations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivitiesTowns_NameKey",
                table: "ActivitiesTowns",
                column: "NameKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivitiesAttendanceTallies");

            migrationBuilder.DropTable(
                name: "ActivitiesFeedback");

            migrationBuilder.DropTable(
                name: "ActivitiesOutputs");

            migrationBuilder.DropTable(
                name: "ActivitiesPlan");

            migrationBuilder.DropTable(
                name: "ActivitiesRegistrations");

            migrationBuilder.DropTable(
                name: "ActivitiesTowns");

            migrationBuilder.DropTable(
                name: "ActivitiesEvents");
        }
    }
}
