using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    What = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RemindedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsActionItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsCalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsCalendarFeeds", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganiserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeriesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Template = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocalEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Town = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalCutoffUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MinutesApproved = table.Column<bool>(type: "INTEGER", nullable: false),
                    Women = table.Column<int>(type: "INTEGER", nullable: true),
                    Men = table.Column<int>(type: "INTEGER", nullable: true),
                    OtherGender = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsMeetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsSeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Interval = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    Exceptions = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsSeries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsAgendaItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PresenterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    DocumentIds = table.Column<string>(type: "TEXT", nullable: false),
                    IsProposal = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProposedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    MinutesText = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    MinutesStamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reached = table.Column<bool>(type: "INTEGER", nullable: false),
                    CarriedForward = table.Column<bool>(type: "INTEGER", nullable: false),
                    CarriedFromMeetingId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
