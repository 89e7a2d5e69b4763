using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Identity.Data;

public static class IdentityDbProperties
{
    public const string TablePrefix = "Identity";
}

/// <summary>
/// The Identity module's view of the database. It derives from ASP.NET Core Identity's context, so it cannot
/// derive from <see cref="ModuleDbContext"/>; it applies the same platform mappings itself.
/// </summary>
public sealed class PortalIdentityDbContext(DbContextOptions<PortalIdentityDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options)
{
    public DbSet<PartnerOrganisation> PartnerOrganisations => Set<PartnerOrganisation>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.ConfigureIdentityModule();
        builder.ConfigurePlatformSharedTables();
        builder.ConfigureAggregateConventions();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.ApplyPortalConventions();
}

public static class IdentityModelBuilderExtensions
{
    /// <summary>Every table of the Identity module, behind its prefix.</summary>
    public static ModelBuilder ConfigureIdentityModule(this ModelBuilder builder)
    {
        const string p = IdentityDbProperties.TablePrefix;
        // ASP.NET Core Identity's own mapping, with our table names.
        new IdentityModelMapping().Apply(builder);
        builder.Entity<PortalUser>(b =>
        {
            b.ToTable(p + "Users");
            b.Property(x => x.DisplayName).HasMaxLength(PortalUser.MaxDisplayNameLength).IsRequired();
            b.Property(x => x.PreferredCulture).HasMaxLength(16).IsRequired();
            b.Property(x => x.TimeZoneId).HasMaxLength(64).IsRequired();
            b.HasIndex(x => x.PartnerOrganisationId);
        });
        builder.Entity<PortalRole>().ToTable(p + "Roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable(p + "UserRoles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable(p + "UserClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable(p + "UserLogins");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable(p + "RoleClaims");
        builder.Entity<IdentityUserToken<Guid>>(b =>
        {
            b.ToTable(p + "UserTokens");
            // Holds authenticator keys and recovery codes.
            b.Property(x => x.Value).IsAuditSecret();
        });

        builder.Entity<PartnerOrganisation>(b =>
        {
            b.ToTable(p + "PartnerOrganisations");
            b.HasKey(x => x.Id);
            b.Property(x => x.ShortName).HasMaxLength(PartnerOrganisationConsts.MaxShortNameLength).IsRequired();
            b.Property(x => x.Name).HasMaxLength(PartnerOrganisationConsts.MaxNameLength).IsRequired();
            b.Property(x => x.Side).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(x => x.ShortName).IsUnique();
        });

        builder.Entity<Invitation>(b =>
        {
            b.ToTable(p + "Invitations");
            b.HasKey(x => x.Id);
            b.Property(x => x.Email).HasMaxLength(Invitation.MaxEmailLength).IsRequired();
            b.Property(x => x.DisplayName).HasMaxLength(PortalUser.MaxDisplayNameLength).IsRequired();
            b.Property(x => x.Role).HasMaxLength(64).IsRequired();
            b.Property(x => x.TokenHash).HasMaxLength(Invitation.TokenHashLength).IsRequired();
            b.HasIndex(x => x.TokenHash).IsUnique();
            b.Property(x => x.NormalizedEmail).HasMaxLength(Invitation.MaxEmailLength).IsRequired();
            b.HasIndex(x => x.NormalizedEmail);
        });
        return builder;
    }

    /// <summary>Runs IdentityDbContext's OnModelCreating against any model builder (the migrations context is not an IdentityDbContext).</summary>
    // Identity's mapping reads its store options through the context's services, so the context needs a provider;
    // an in-memory SQLite connection string is never opened.
    private sealed class IdentityModelMapping() : IdentityDbContext<PortalUser, PortalRole, Guid>(
        new DbContextOptionsBuilder<IdentityModelMapping>().UseSqlite("Data Source=:memory:").Options)
    {
        public void Apply(ModelBuilder builder) => base.OnModelCreating(builder);
    }
}
