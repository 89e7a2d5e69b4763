using Consortium.Portal.Platform.Data;
using Consortium.Portal.Training.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Training.Data;

public static class TrainingDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "Training";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : ModuleDbContext(options)
{
    public DbSet<TrainingMaterial> Materials => Set<TrainingMaterial>();
    public DbSet<TrainingCollection> Collections => Set<TrainingCollection>();
    public DbSet<MaterialDownloadMonth> DownloadMonths => Set<MaterialDownloadMonth>();
    public DbSet<TrainingFollow> Follows => Set<TrainingFollow>();
    public DbSet<TranslationRequest> TranslationRequests => Set<TranslationRequest>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureTrainingModule();

    /// <summary>
    /// Whether a translation group already has a material in <paramref name="language"/>, other than
    /// <paramref name="except"/>: a group holds one material per language, which linking, editing and requesting a
    /// translation all check.
    /// </summary>
    public Task<bool> GroupHasLanguageAsync(Guid translationGroupId, string language, Guid? except, CancellationToken cancellationToken)
    {
        var materials = Materials.Where(m => m.TranslationGroupId == translationGroupId && m.Language == language);
        return (except is { } id ? materials.Where(m => m.Id != id) : materials).AnyAsync(cancellationToken);
    }
}

public static class TrainingModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigureTrainingModule(this ModelBuilder builder)
    {
        const string p = TrainingDbProperties.TablePrefix;
        builder.Entity<TrainingMaterial>(b =>
        {
            b.ToTable(p + "Materials");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Slug).HasMaxLength(TrainingConsts.MaxSlugLength).IsRequired();
            b.Property(x => x.Title).HasMaxLength(TrainingConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Summary).HasMaxLength(TrainingConsts.MaxSummaryLength);
            b.Property(x => x.Language).HasMaxLength(8).IsRequired();
            b.Property(x => x.Licence).HasMaxLength(TrainingConsts.MaxLicenceLength).IsRequired();
            b.Property(x => x.Url).HasMaxLength(TrainingConsts.MaxUrlLength);
            // Lists of values are primitive collections: JSON on SQLite, arrays on PostgreSQL; both filter with Contains.
            b.PrimitiveCollection(x => x.Topics);
            b.PrimitiveCollection(x => x.AuthoringPartnerIds);
            // Audiences are stored by name, so a reordered enum never changes what was saved.
            b.PrimitiveCollection(x => x.Audiences).ElementType(e => e.HasConversion<string>());
            b.HasIndex(x => x.Slug).IsUnique();
            b.HasIndex(x => x.TranslationGroupId);
            b.HasIndex(x => new { x.Visibility, x.CreatedAtUtc });
            b.HasIndex(x => new { x.Language, x.CreatedAtUtc });
            // The browse's usual filters, newest first, without a read of every row of a language (issue 14's benchmark:
            // 20,000 materials, language + audience + activity): the consortium's list by language and activity, the
            // public library by language among the public ones. Audiences and topics are JSON/arrays, checked on what is left.
            b.HasIndex(x => new { x.Language, x.Activity, x.CreatedAtUtc });
            b.HasIndex(x => new { x.Visibility, x.Language, x.CreatedAtUtc });
            b.HasIndex(x => x.DocumentId);
        });
        builder.Entity<TrainingCollection>(b =>
        {
            b.ToTable(p + "Collections");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Slug).HasMaxLength(TrainingConsts.MaxSlugLength).IsRequired();
            b.Property(x => x.Title).HasMaxLength(TrainingConsts.MaxTitleLength).IsRequired();
            b.Property(x => x.Description).HasMaxLength(TrainingConsts.MaxSummaryLength);
            b.PrimitiveCollection(x => x.MaterialIds);
            b.HasIndex(x => x.Slug).IsUnique();
        });
        builder.Entity<MaterialDownloadMonth>(b =>
        {
            b.ToTable(p + "DownloadMonths");
            b.HasKey(x => new { x.MaterialId, x.Month });
        });
        builder.Entity<TrainingFollow>(b =>
        {
            b.ToTable(p + "Follows");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Value).HasMaxLength(TrainingConsts.MaxTopicLength).IsRequired();
            b.HasIndex(x => new { x.UserId, x.Kind, x.Value }).IsUnique();
            b.HasIndex(x => new { x.Kind, x.Value });
        });
        builder.Entity<TranslationRequest>(b =>
        {
            b.ToTable(p + "TranslationRequests");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Language).HasMaxLength(8).IsRequired();
            b.Property(x => x.Message).HasMaxLength(TrainingConsts.MaxSummaryLength);
            b.Property(x => x.Comment).HasMaxLength(4000);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.OpenKey).HasMaxLength(64);
            b.HasIndex(x => x.OpenKey).IsUnique();
            b.HasIndex(x => new { x.MaterialId, x.Status });
        });
        return builder;
    }
}
