using Consortium.Portal.Platform.Data;
using Consortium.Portal.TemplateModule.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.TemplateModule.Data;

public static class TemplateModuleDbProperties
{
    /// <summary>Every table of the module starts with it (SQLite has no schemas).</summary>
    public const string TablePrefix = "TemplateModule";
}

/// <summary>The module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class TemplateModuleDbContext(DbContextOptions<TemplateModuleDbContext> options) : ModuleDbContext(options)
{
    public DbSet<TemplateModuleItem> Items => Set<TemplateModuleItem>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureTemplateModuleModule();
}

public static class TemplateModuleModelBuilderExtensions
{
    /// <summary>Every table of the module, behind its prefix; the migrations DbContext calls it too.</summary>
    public static ModelBuilder ConfigureTemplateModuleModule(this ModelBuilder builder)
    {
        const string p = TemplateModuleDbProperties.TablePrefix;
        builder.Entity<TemplateModuleItem>(b =>
        {
            b.ToTable(p + "Items");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Name).HasMaxLength(TemplateModuleConsts.MaxNameLength).IsRequired();
            b.HasIndex(x => x.Name);
        });
        return builder;
    }
}
