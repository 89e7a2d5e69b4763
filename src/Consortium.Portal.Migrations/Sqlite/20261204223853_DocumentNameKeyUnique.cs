using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentNameKeyUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "DocumentsDocuments",
                type: "TEXT",
                maxLength: 233,
                nullable: false,
                defaultValue: "");

            // Existing documents get their key (SQLite's lower() folds ASCII letters only; a name with other capitals keeps
            // them in its key until it is renamed). Duplicates made before the index existed keep their names; all but the
            // oldest get a key of their own, so the index can be built and new uploads of the name go to the oldest.
            migrationBuilder.Sql("""
                UPDATE "DocumentsDocuments" SET "NameKey" = COALESCE(lower(replace("FolderId", '-', '')), '-') || '/' || lower("Name");
                UPDATE "DocumentsDocuments" SET "NameKey" = "NameKey" || '#' || lower("Id")
                WHERE "IsDeleted" = FALSE AND EXISTS (SELECT 1 FROM "DocumentsDocuments" AS o WHERE o."WorkspaceId" = "DocumentsDocuments"."WorkspaceId"
                    AND o."NameKey" = "DocumentsDocuments"."NameKey" AND o."IsDeleted" = FALSE AND o."Id" < "DocumentsDocuments"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_NameKey",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "NameKey" },
                unique: true,
                filter: "\"IsDeleted\" = FALSE");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_NameKey",
                table: "DocumentsDocuments");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "DocumentsDocuments");
        }
    }
}
