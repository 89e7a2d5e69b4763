using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    TargetGroup = table.Column<int>(type: "integer", nullable: true),
                    Gender = table.Column<int>(type: "integer", nullable: true),
                    AgeGroup = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesAttendanceTallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    LocalStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LocalEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TownId = table.Column<Guid>(type: "uuid", nullable: false),
                    Venue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OrganisingPartners = table.Column<List<string>>(type: "text[]", nullable: false),
                    ParticipatingPartners = table.Column<List<string>>(type: "text[]", nullable: false),
                    Speakers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Agenda = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    Confirmed = table.Column<int>(type: "integer", nullable: false),
                    IsCancelled = table.Column<bool>(type: "boolean", nullable: false),
                    PersonalDataReducedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    GivenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesFeedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesPlan",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameSq = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameSrLatn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeadPartners = table.Column<List<string>>(type: "text[]", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false),
                    Targets = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesPlan", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesRegistrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EmailKey = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TargetGroup = table.Column<int>(type: "integer", nullable: false),
                    Gender = table.Column<int>(type: "integer", nullable: true),
                    AgeGroup = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedInAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FeedbackGivenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesRegistrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesTowns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Side = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitiesTowns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivitiesOutputs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
