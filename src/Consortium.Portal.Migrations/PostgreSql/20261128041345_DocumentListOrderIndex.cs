using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DocumentListOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId",
                table: "DocumentsDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "FolderId", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId_Name_Id",
                table: "DocumentsDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "FolderId" });
        }
    }
}
