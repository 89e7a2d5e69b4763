using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Data;

public static class DocumentsDbProperties
{
    public const string TablePrefix = "Documents";
}

/// <summary>The Documents module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class DocumentsDbContext : ModuleDbContext
{
    public DocumentsDbContext(DbContextOptions<DocumentsDbContext> options) : base(options)
    {
    }

    public DbSet<Folder> Folders => Set<Folder>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentVersion> Versions => Set<DocumentVersion>();
    public DbSet<VersionText> VersionTexts => Set<VersionText>();
    public DbSet<ReviewRequest> ReviewRequests => Set<ReviewRequest>();
    public DbSet<ReviewerAnswer> ReviewerAnswers => Set<ReviewerAnswer>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentRevision> CommentRevisions => Set<CommentRevision>();
    public DbSet<DocumentFollow> Follows => Set<DocumentFollow>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureDocumentsModule();
}

public static class DocumentsModelBuilderExtensions
{
    /// <summary>Every table of the Documents module, behind its prefix. Workspaces and users are referred to by id only.</summary>
    public static ModelBuilder ConfigureDocumentsModule(this ModelBuilder builder)
    {
        const string p = DocumentsDbProperties.TablePrefix;

        builder.Entity<Folder>(b =>
        {
            b.ToTable(p + "Folders");
            b.HasKey(x => x.Id);
            b.Property(x => x.Name).HasMaxLength(DocumentConsts.MaxFolderNameLength).IsRequired();
            b.HasIndex(x => new { x.WorkspaceId, x.ParentId });
        });

        builder.Entity<Document>(b =>
        {
            b.ToTable(p + "Documents");
            b.HasKey(x => x.Id);
            b.Property(x => x.Name).HasMaxLength(DocumentConsts.MaxNameLength).IsRequired();
            b.Property(x => x.FileType).HasConversion<string>().HasMaxLength(16);
            // The list's order: a page of a folder of thousands is read from the index, never sorted. The deleted flag comes
            // last, so the soft-delete filter is answered from the index too: counting a folder's documents (the total
            // beside a page) and skipping to a later page read no table row.
            b.HasIndex(x => new { x.WorkspaceId, x.FolderId, x.Name, x.Id, x.IsDeleted });
            // The same for the whole workspace's list (all folders), which the index above would have to sort.
            b.HasIndex(x => new { x.WorkspaceId, x.Name, x.Id, x.IsDeleted });
            b.HasIndex(x => new { x.IsDeleted, x.DeletedAtUtc });
            // One document per name and folder outside the bin: the database settles two uploads of one new name.
            b.Property(x => x.NameKey).HasMaxLength(Document.MaxNameKeyLength).IsRequired();
            b.HasIndex(x => new { x.WorkspaceId, x.NameKey }).IsUnique().HasFilter("\"IsDeleted\" = FALSE");
        });

        builder.Entity<DocumentVersion>(b =>
        {
            b.ToTable(p + "Versions");
            b.HasKey(x => x.Id);
            b.Property(x => x.BlobName).HasMaxLength(200).IsRequired();
            b.Property(x => x.FileName).HasMaxLength(DocumentConsts.MaxNameLength).IsRequired();
            b.Property(x => x.Sha256).HasMaxLength(DocumentConsts.Sha256Length).IsRequired();
            b.Property(x => x.ContentType).HasMaxLength(200).IsRequired();
            b.Property(x => x.Note).HasMaxLength(DocumentConsts.MaxNoteLength);
            b.Property(x => x.TextState).HasConversion<string>().HasMaxLength(16);
            b.Ignore(x => x.Content);
            // The backstop of version numbering: whatever happens to the aggregate's check, a number is taken once.
            b.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
            b.HasIndex(x => new { x.WorkspaceId, x.Sha256 });
            b.HasIndex(x => x.BlobName);
            b.HasIndex(x => x.TextState);
            b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VersionText>(b =>
        {
            b.ToTable(p + "VersionTexts");
            b.HasKey(x => x.VersionId);
            b.Property(x => x.Text).IsRequired();
            b.HasOne<DocumentVersion>().WithOne().HasForeignKey<VersionText>(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReviewRequest>(b =>
        {
            b.ToTable(p + "ReviewRequests");
            b.HasKey(x => x.Id);
            b.Property(x => x.Message).HasMaxLength(DocumentConsts.MaxMessageLength);
            b.HasIndex(x => x.DocumentId);
            b.HasIndex(x => x.DueDate);
            b.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ReviewRequestId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(x => x.Answers).AutoInclude();
            b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReviewerAnswer>(b =>
        {
            b.ToTable(p + "ReviewerAnswers");
            b.HasKey(x => new { x.ReviewRequestId, x.ReviewerId });
            b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(24);
            b.Property(x => x.Comment).HasMaxLength(DocumentConsts.MaxMessageLength);
            b.HasIndex(x => x.ReviewerId);
        });

        builder.Entity<Comment>(b =>
        {
            b.ToTable(p + "Comments");
            b.HasKey(x => x.Id);
            b.Property(x => x.Body).HasMaxLength(DocumentConsts.MaxCommentLength).IsRequired();
            b.Property(x => x.AnchorQuote).HasMaxLength(DocumentConsts.MaxQuoteLength);
            b.Property(x => x.AnchorPrefix).HasMaxLength(DocumentConsts.MaxContextLength);
            b.Property(x => x.AnchorSuffix).HasMaxLength(DocumentConsts.MaxContextLength);
            b.Ignore(x => x.Anchor);
            b.HasIndex(x => new { x.DocumentId, x.VersionNumber });
            b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CommentRevision>(b =>
        {
            b.ToTable(p + "CommentRevisions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.PreviousBody).HasMaxLength(DocumentConsts.MaxCommentLength).IsRequired();
            b.HasIndex(x => x.CommentId);
            b.HasOne<Comment>().WithMany().HasForeignKey(x => x.CommentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DocumentFollow>(b =>
        {
            b.ToTable(p + "Follows");
            b.HasKey(x => new { x.DocumentId, x.UserId });
            b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
            b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Suggestion>(b =>
        {
            b.ToTable(p + "Suggestions");
            b.HasKey(x => x.Id);
            b.Property(x => x.AnchorQuote).HasMaxLength(DocumentConsts.MaxQuoteLength).IsRequired();
            b.Property(x => x.AnchorPrefix).HasMaxLength(DocumentConsts.MaxContextLength).IsRequired();
            b.Property(x => x.AnchorSuffix).HasMaxLength(DocumentConsts.MaxContextLength).IsRequired();
            b.Property(x => x.Replacement).HasMaxLength(DocumentConsts.MaxReplacementLength).IsRequired();
            b.Property(x => x.Reason).HasMaxLength(DocumentConsts.MaxReasonLength);
            b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            b.Ignore(x => x.Anchor);
            b.HasIndex(x => new { x.DocumentId, x.State });
            b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        return builder;
    }
}
