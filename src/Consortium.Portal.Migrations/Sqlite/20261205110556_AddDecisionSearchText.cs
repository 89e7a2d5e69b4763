using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDecisionSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "MeetingsDecisions",
                type: "TEXT",
                maxLength: 4064,
                nullable: false,
                defaultValue: "");

            // The decisions recorded before: their code and text in lower case. Decision.SearchFold also drops accents,
            // which SQL cannot do alike on both databases; the search therefore also looks for the term with its accents
            // (MeetingViews.DecisionsAsync), so such a decision is still found by "kostić".
            migrationBuilder.Sql("UPDATE \"MeetingsDecisions\" SET \"SearchText\" = lower(\"Code\" || ' ' || \"Text\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "MeetingsDecisions");
        }
    }
}
