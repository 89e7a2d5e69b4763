using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddWorkspaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Workspaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    ArchivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workspaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkspacesActivity",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourceName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActionKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Parameters = table.Column<string>(type: "text", nullable: false),
                    Link = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    OccurredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspacesActivity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkspacesMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspacesMembers", x => x.Id);
                    table.CheckConstraint("CK_WorkspacesMembers_UserOrPartner", "(\"UserId\" IS NULL) <> (\"PartnerOrganisationId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_WorkspacesMembers_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workspaces_Name",
                table: "Workspaces",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspacesActivity_WorkspaceId_OccurredAtUtc",
                table: "WorkspacesActivity",
                columns: new[] { "WorkspaceId", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkspacesMembers_PartnerOrganisationId",
                table: "WorkspacesMembers",
                column: "PartnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspacesMembers_UserId",
                table: "WorkspacesMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspacesMembers_WorkspaceId_PartnerOrganisationId",
                table: "WorkspacesMembers",
                columns: new[] { "WorkspaceId", "PartnerOrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkspacesMembers_WorkspaceId_UserId",
                table: "WorkspacesMembers",
                columns: new[] { "WorkspaceId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkspacesActivity");

            migrationBuilder.DropTable(
                name: "WorkspacesMembers");

            migrationBuilder.DropTable(
                name: "Workspaces");
        }
    }
}
