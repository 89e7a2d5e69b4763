using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddDocumentListAllFoldersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_Name_Id_IsDeleted",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "Name", "Id", "IsDeleted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_Name_Id_IsDeleted",
                table: "DocumentsDocuments");
        }
    }
}
