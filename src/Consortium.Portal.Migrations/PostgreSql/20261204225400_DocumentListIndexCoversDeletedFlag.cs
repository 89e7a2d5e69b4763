using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DocumentListIndexCoversDeletedFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id",
                table: "DocumentsDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id_IsDeleted",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "FolderId", "Name", "Id", "IsDeleted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id_IsDeleted",
                table: "DocumentsDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "FolderId", "Name", "Id" });
        }
    }
}
