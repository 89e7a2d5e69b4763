using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddWorkflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkflowsDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameSq = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameSrLatn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameSrCyrl = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StagesJson = table.Column<string>(type: "text", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowsDelegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DelegatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DelegateId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsDelegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowsInstances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectLink = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RunningKey = table.Column<string>(type: "character varying(104)", maxLength: 104, nullable: true),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    ActiveStageIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FinishedStageIds = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ChangesRequestedStageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextTimerAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsInstances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowsIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReasonKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowsIncidents_WorkflowsInstances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "WorkflowsInstances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowsJournalEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    DelegateId = table.Column<Guid>(type: "uuid", nullable: true),
                    StageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsJournalEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowsJournalEntries_WorkflowsInstances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "WorkflowsInstances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowsTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    StageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssigneeSide = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemindAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowsTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowsTasks_WorkflowsInstances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "WorkflowsInstances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsDefinitions_Key_Version",
                table: "WorkflowsDefinitions",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsDelegations_DelegateId_ToUtc",
                table: "WorkflowsDelegations",
                columns: new[] { "DelegateId", "ToUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsDelegations_DelegatorId_ToUtc",
                table: "WorkflowsDelegations",
                columns: new[] { "DelegatorId", "ToUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsIncidents_InstanceId",
                table: "WorkflowsIncidents",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsIncidents_ResolvedAtUtc",
                table: "WorkflowsIncidents",
                column: "ResolvedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsInstances_NextTimerAtUtc",
                table: "WorkflowsInstances",
                column: "NextTimerAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsInstances_RunningKey",
                table: "WorkflowsInstances",
                column: "RunningKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsInstances_Status_StartedAtUtc",
                table: "WorkflowsInstances",
                columns: new[] { "Status", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsInstances_SubjectType_SubjectId",
                table: "WorkflowsInstances",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsJournalEntries_InstanceId_ActionId",
                table: "WorkflowsJournalEntries",
                columns: new[] { "InstanceId", "ActionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsJournalEntries_InstanceId_Sequence",
                table: "WorkflowsJournalEntries",
                columns: new[] { "InstanceId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsTasks_AssigneeId_Status_DueAtUtc",
                table: "WorkflowsTasks",
                columns: new[] { "AssigneeId", "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowsTasks_InstanceId",
                table: "WorkflowsTasks",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowsDefinitions");

            migrationBuilder.DropTable(
                name: "WorkflowsDelegations");

            migrationBuilder.DropTable(
                name: "WorkflowsIncidents");

            migrationBuilder.DropTable(
                name: "WorkflowsJournalEntries");

            migrationBuilder.DropTable(
                name: "WorkflowsTasks");

            migrationBuilder.DropTable(
                name: "WorkflowsInstances");
        }
    }
}
