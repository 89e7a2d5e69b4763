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
/// derive from <see cref="ModuleDbContext"/>; it applies the same platform mappings itself, and is pooled as the others
/// are: it keeps no state of its own but the renting scope (<see cref="IPooledModuleContext"/>), let go at its return.
/// </summary>
public sealed class PortalIdentityDbContext(DbContextOptions<PortalIdentityDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options), IPooledModuleContext
{
    public ModuleContextScope? Scope { get; set; }

    // The scope is let go before the context goes back to the pool: after base.Dispose another scope may have it.
    public override void Dispose()
    {
        Scope = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Scope = null;
        return base.DisposeAsync();
    }

    public DbSet<PartnerOrganisation> PartnerOrganisations => Set<PartnerOrganisation>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<UserSession> Sessions => Set<UserSession>();

    /// <summary>
    /// A user whose security stamp changes (a new password, two-factor sign-in reset or turned off, the account disabled)
    /// loses every session in the same save: each browser is signed out at its next request, on every instance. The
    /// session of the request that made the change is spared, as the code that changed the user's own stamp renews that
    /// session with the new stamp (RefreshSignInAsync), which needs its row.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var restamped = ChangeTracker.Entries<PortalUser>()
            .Where(e => e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).IsModified
                        && e.Property(u => u.SecurityStamp).OriginalValue != e.Property(u => u.SecurityStamp).CurrentValue)
            .Select(e => e.Entity.Id)
            .ToList();
        if (restamped.Count > 0)
        {
            var spared = Account.AccountSessions.CurrentSessionOf(Scope?.Request?.User);
            Sessions.RemoveRange(await Sessions.Where(s => restamped.Contains(s.UserId) && s.Id != spared).ToListAsync(cancellationToken));
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

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

        builder.Entity<UserSession>(b =>
        {
            b.ToTable(p + "Sessions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Browser).HasMaxLength(UserSession.MaxBrowserLength);
            b.Property(x => x.IpAddress).HasMaxLength(UserSession.MaxIpAddressLength);
            b.Property(x => x.Ticket).IsRequired().IsAuditSecret();
            b.HasIndex(x => x.UserId);
            // Sign-ins and sign-outs are audited as such; a row per renewal would only repeat them.
            b.ExcludeFromAuditLog();
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
