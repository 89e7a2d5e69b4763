using Consortium.Portal.Platform.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workspaces.Data;

public static class WorkspacesDbProperties
{
    public const string TablePrefix = "Workspaces";
}

/// <summary>The Workspaces module's view of the database: its own tables plus the shared outbox and audit log.</summary>
public sealed class WorkspacesDbContext : ModuleDbContext
{
    public WorkspacesDbContext(DbContextOptions<WorkspacesDbContext> options) : base(options)
    {
    }

    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMembership> Memberships => Set<WorkspaceMembership>();
    public DbSet<WorkspaceActivityEntry> Activity => Set<WorkspaceActivityEntry>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigureWorkspacesModule();
}

public static class WorkspacesModelBuilderExtensions
{
    /// <summary>Every table of the Workspaces module, behind its prefix.</summary>
    public static ModelBuilder ConfigureWorkspacesModule(this ModelBuilder builder)
    {
        const string p = WorkspacesDbProperties.TablePrefix;
        builder.Entity<Workspace>(b =>
        {
            // The prefix alone names the aggregate's table; its parts follow as WorkspacesMembers, WorkspacesActivity.
            b.ToTable(p);
            b.HasKey(x => x.Id);
            b.Property(x => x.Name).HasMaxLength(WorkspaceConsts.MaxNameLength).IsRequired();
            b.Property(x => x.Description).HasMaxLength(WorkspaceConsts.MaxDescriptionLength);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(x => x.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
            b.HasIndex(x => x.Name);
        });
        builder.Entity<WorkspaceMembership>(b =>
        {
            b.ToTable(p + "Members", t => t.HasCheckConstraint(
                "CK_WorkspacesMembers_UserOrPartner", "(\"UserId\" IS NULL) <> (\"PartnerOrganisationId\" IS NULL)"));
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            // NULLs are distinct in a unique index on both providers: one row per user, one per partner.
            b.HasIndex(x => new { x.WorkspaceId, x.UserId }).IsUnique();
            b.HasIndex(x => new { x.WorkspaceId, x.PartnerOrganisationId }).IsUnique();
            b.HasIndex(x => x.UserId);
            b.HasIndex(x => x.PartnerOrganisationId);
        });
        builder.Entity<WorkspaceActivityEntry>(b =>
        {
            b.ToTable(p + "Activity");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.ResourceName).HasMaxLength(WorkspaceActivityEntry.MaxResourceNameLength).IsRequired();
            b.Property(x => x.ActionKey).HasMaxLength(WorkspaceActivityEntry.MaxActionKeyLength).IsRequired();
            b.Property(x => x.Parameters).IsRequired();
            b.Property(x => x.Link).HasMaxLength(WorkspaceActivityEntry.MaxLinkLength);
            b.HasIndex(x => new { x.WorkspaceId, x.OccurredAtUtc });
        });
        return builder;
    }
}
