using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
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
                type: "character varying(233)",
                maxLength: 233,
                nullable: false,
                defaultValue: "");

            // Existing documents get their key. Duplicates made before the index existed keep their names; all but the oldest
            // get a key of their own, so the index can be built and new uploads of the name go to the oldest.
            migrationBuilder.Sql("""
                UPDATE "DocumentsDocuments" SET "NameKey" = COALESCE(replace("FolderId"::text, '-', ''), '-') || '/' || lower("Name");
                UPDATE "DocumentsDocuments" AS d SET "NameKey" = left(d."NameKey", 196) || '#' || d."Id"::text
                WHERE d."IsDeleted" = FALSE AND EXISTS (SELECT 1 FROM "DocumentsDocuments" AS o WHERE o."WorkspaceId" = d."WorkspaceId"
                    AND o."NameKey" = d."NameKey" AND o."IsDeleted" = FALSE AND o."Id" < d."Id");
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
