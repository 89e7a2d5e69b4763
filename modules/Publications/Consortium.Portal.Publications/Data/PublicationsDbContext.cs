using Consortium.Portal.Platform.Data;
using Consortium.Portal.Publications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Publications.Data;

public static class PublicationsDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "Publications";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class PublicationsDbContext(DbContextOptions<PublicationsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Publication> Publications => Set<Publication>();

    /// <summary>What the public may see: published, never withdrawn or unpublished.</summary>
    public IQueryable<Publication> Public => Publications.AsNoTracking().Include(p => p.Files).Where(p => p.State == PublicationState.Published);

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigurePublicationsModule();
}

public static class PublicationsModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigurePublicationsModule(this ModelBuilder builder)
    {
        const string p = PublicationsDbProperties.TablePrefix;
        builder.Entity<Publication>(b =>
        {
            b.ToTable(p + "Publications");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.State).HasConversion<string>().HasMaxLength(32);
            b.Property(x => x.Title).HasMaxLength(PublicationsConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Summary).HasMaxLength(PublicationsConsts.MaxSummaryLength);
            b.Property(x => x.TargetOutlet).HasMaxLength(PublicationsConsts.MaxOutletLength);
            b.Property(x => x.OutletUrl).HasMaxLength(PublicationsConsts.MaxUrlLength);
            b.Property(x => x.WorkflowDefinitionKey).HasMaxLength(PublicationsConsts.MaxDefinitionKeyLength);
            b.Property(x => x.ReviewComment).HasMaxLength(4000);
            b.Property(x => x.WithdrawalReason).HasMaxLength(PublicationsConsts.MaxReasonLength);
            b.Property(x => x.Slug).HasMaxLength(PublicationsConsts.MaxSlugLength);
            // Lists of values are primitive collections: JSON on SQLite, arrays on PostgreSQL; both filter with Contains.
            b.PrimitiveCollection(x => x.Tags);
            b.PrimitiveCollection(x => x.Languages);
            b.PrimitiveCollection(x => x.AuthorIds);
            b.PrimitiveCollection(x => x.AuthoringPartnerIds);
            b.HasIndex(x => x.Slug).IsUnique();
            b.HasIndex(x => new { x.State, x.PublishedOn });
            b.HasIndex(x => x.WorkspaceId);
            b.HasMany(x => x.Files).WithOne().HasForeignKey(f => f.PublicationId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(x => x.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        builder.Entity<PublicationFile>(b =>
        {
            b.ToTable(p + "Files");
            b.HasKey(x => new { x.PublicationId, x.Language });
            b.Property(x => x.Language).HasMaxLength(8);
            b.Property(x => x.FileName).HasMaxLength(300).IsRequired();
            b.Property(x => x.ContentType).HasMaxLength(200).IsRequired();
            b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        });
        return builder;
    }
}
