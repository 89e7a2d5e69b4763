using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingsActionItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    What = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ClosingNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    RemindedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsActionItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsCalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsCalendarFeeds", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: true),
                    Template = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LocalStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LocalEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Town = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OnlineLink = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    ProposalCutoffUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MinutesApproved = table.Column<bool>(type: "boolean", nullable: false),
                    Women = table.Column<int>(type: "integer", nullable: true),
                    Men = table.Column<int>(type: "integer", nullable: true),
                    OtherGender = table.Column<int>(type: "integer", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Frequency = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Interval = table.Column<int>(type: "integer", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    Exceptions = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsSeries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsAgendaItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PresenterId = table.Column<Guid>(type: "uuid", nullable: true),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true),
                    DocumentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    IsProposal = table.Column<bool>(type: "boolean", nullable: false),
                    ProposedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    MinutesText = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    MinutesStamp = table.Column<Guid>(type: "uuid", nullable: false),
                    Reached = table.Column<bool>(type: "boolean", nullable: false),
                    CarriedForward = table.Column<bool>(type: "boolean", nullable: false),
                    CarriedFromMeetingId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsAgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingsAgendaItems_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsAttendees",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsAttendees", x => new { x.MeetingId, x.UserId });
                    table.ForeignKey(
                        name: "FK_MeetingsAttendees_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingsHistory_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsInvitees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsInvitees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingsInvitees_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsParticipants",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Answer = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsParticipants", x => new { x.MeetingId, x.UserId });
                    table.ForeignKey(
                        name: "FK_MeetingsParticipants_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsActionItems_MeetingId",
                table: "MeetingsActionItems",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsActionItems_OwnerId_Status_Due",
                table: "MeetingsActionItems",
                columns: new[] { "OwnerId", "Status", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsActionItems_WorkspaceId_Status",
                table: "MeetingsActionItems",
                columns: new[] { "WorkspaceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsAgendaItems_MeetingId",
                table: "MeetingsAgendaItems",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsCalendarFeeds_TokenHash",
                table: "MeetingsCalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsDecisions_MeetingId",
                table: "MeetingsDecisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsDecisions_WorkspaceId_DecidedAtUtc",
                table: "MeetingsDecisions",
                columns: new[] { "WorkspaceId", "DecidedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsDecisions_WorkspaceId_Year_Number",
                table: "MeetingsDecisions",
                columns: new[] { "WorkspaceId", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsHistory_MeetingId",
                table: "MeetingsHistory",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsInvitees_MeetingId",
                table: "MeetingsInvitees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_SeriesId_StartUtc",
                table: "MeetingsMeetings",
                columns: new[] { "SeriesId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_State_StartUtc",
                table: "MeetingsMeetings",
                columns: new[] { "State", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_WorkspaceId_StartUtc",
                table: "MeetingsMeetings",
                columns: new[] { "WorkspaceId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsParticipants_UserId",
                table: "MeetingsParticipants",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingsActionItems");

            migrationBuilder.DropTable(
                name: "MeetingsAgendaItems");

            migrationBuilder.DropTable(
                name: "MeetingsAttendees");

            migrationBuilder.DropTable(
                name: "MeetingsCalendarFeeds");

            migrationBuilder.DropTable(
                name: "MeetingsDecisions");

            migrationBuilder.DropTable(
                name: "MeetingsHistory");

            migrationBuilder.DropTable(
                name: "MeetingsInvitees");

            migrationBuilder.DropTable(
                name: "MeetingsParticipants");

            migrationBuilder.DropTable(
                name: "MeetingsSeries");

            migrationBuilder.DropTable(
                name: "MeetingsMeetings");
        }
    }
}
