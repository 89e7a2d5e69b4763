using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Consortium.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentsDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LatestVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LatestVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LatestSize = table.Column<long>(type: "INTEGER", nullable: false),
                    LockHolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LockedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecycledWithFolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsFolders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecycledWithFolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsFolders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AnchorQuote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnchorPrefix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnchorSuffix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnchorStart = table.Column<int>(type: "INTEGER", nullable: true),
                    AnchorEnd = table.Column<int>(type: "INTEGER", nullable: true),
                    IsResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResolvedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsComments_DocumentsDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsFollows",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsFollows", x => new { x.DocumentId, x.UserId });
                    table.ForeignKey(
                        name: "FK_DocumentsFollows_DocumentsDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsReviewRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsReviewRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsReviewRequests_DocumentsDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnchorQuote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnchorPrefix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AnchorSuffix = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AnchorStart = table.Column<int>(type: "INTEGER", nullable: false),
                    AnchorEnd = table.Column<int>(type: "INTEGER", nullable: false),
                    Replacement = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppliedInVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsSuggestions_DocumentsDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    BlobName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RestoredFromNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    TextState = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsVersions_DocumentsDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "DocumentsDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsCommentRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PreviousBody = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    EditedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsCommentRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsCommentRevisions_DocumentsComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "DocumentsComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsReviewerAnswers",
                columns: table => new
                {
                    ReviewRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsReviewerAnswers", x => new { x.ReviewRequestId, x.ReviewerId });
                    table.ForeignKey(
                        name: "FK_DocumentsReviewerAnswers_DocumentsReviewRequests_ReviewRequestId",
                        column: x => x.ReviewRequestId,
                        principalTable: "DocumentsReviewRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentsVersionTexts",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    ExtractedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsVersionTexts", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_DocumentsVersionTexts_DocumentsVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "DocumentsVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsCommentRevisions_CommentId",
                table: "DocumentsCommentRevisions",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsComments_DocumentId_VersionNumber",
                table: "DocumentsComments",
                columns: new[] { "DocumentId", "VersionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_IsDeleted_DeletedAtUtc",
                table: "DocumentsDocuments",
                columns: new[] { "IsDeleted", "DeletedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsDocuments_WorkspaceId_FolderId",
                table: "DocumentsDocuments",
                columns: new[] { "WorkspaceId", "FolderId" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsFolders_WorkspaceId_ParentId",
                table: "DocumentsFolders",
                columns: new[] { "WorkspaceId", "ParentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsReviewerAnswers_ReviewerId",
                table: "DocumentsReviewerAnswers",
                column: "ReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsReviewRequests_DocumentId",
                table: "DocumentsReviewRequests",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsReviewRequests_DueDate",
                table: "DocumentsReviewRequests",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsSuggestions_DocumentId_State",
                table: "DocumentsSuggestions",
                columns: new[] { "DocumentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsVersions_BlobName",
                table: "DocumentsVersions",
                column: "BlobName");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsVersions_DocumentId_Number",
                table: "DocumentsVersions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsVersions_TextState",
                table: "DocumentsVersions",
                column: "TextState");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsVersions_WorkspaceId_Sha256",
                table: "DocumentsVersions",
                columns: new[] { "WorkspaceId", "Sha256" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentsCommentRevisions");

            migrationBuilder.DropTable(
                name: "DocumentsFolders");

            migrationBuilder.DropTable(
                name: "DocumentsFollows");

            migrationBuilder.DropTable(
                name: "DocumentsReviewerAnswers");

            migrationBuilder.DropTable(
                name: "DocumentsSuggestions");

            migrationBuilder.DropTable(
                name: "DocumentsVersionTexts");

            migrationBuilder.DropTable(
                name: "DocumentsComments");

            migrationBuilder.DropTable(
                name: "DocumentsReviewRequests");

            migrationBuilder.DropTable(
                name: "DocumentsVersions");

            migrationBuilder.DropTable(
                name: "DocumentsDocuments");
        }
    }
}
