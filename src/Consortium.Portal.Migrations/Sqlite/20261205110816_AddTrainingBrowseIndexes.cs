using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTrainingBrowseIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TrainingMaterials_Language_Activity_CreatedAtUtc",
                table: "TrainingMaterials",
                columns: new[] { "Language", "Activity", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingMaterials_Visibility_Language_CreatedAtUtc",
                table: "TrainingMaterials",
                columns: new[] { "Visibility", "Language", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TrainingMaterials_Language_Activity_CreatedAtUtc",
                table: "TrainingMaterials");

            migrationBuilder.DropIndex(
                name: "IX_TrainingMaterials_Visibility_Language_CreatedAtUtc",
                table: "TrainingMaterials");
        }
    }
}
