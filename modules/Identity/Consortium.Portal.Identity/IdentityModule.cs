using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Identity.Api;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Jobs;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Identity.Seeding;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Identity.IdentityModule))]

namespace Consortium.Portal.Identity;

/// <summary>Users, partner organisations, roles, sign-in and invitations.</summary>
public sealed class IdentityModule : PortalModule
{
    public override string Name => IdentityModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(IdentityResource), typeof(IdentityModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.AddModuleDbContext<PortalIdentityDbContext>();
        services.AddOptions<PortalIdentityOptions>().BindConfiguration(PortalIdentityOptions.Section)
            .Validate(o => o.SessionCacheLifetime >= TimeSpan.Zero && o.SessionCacheLifetime <= TimeSpan.FromSeconds(30),
                "Identity:SessionCacheLifetime must be between zero and 30 seconds: it is how late another instance refuses an ended session.")
            .ValidateOnStart();
        services.AddLocalization();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // ASVS 5.0: length is what makes a password strong; composition rules only make it predictable.
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = PasswordRules.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = PasswordRules.LockoutDuration;
            })
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalIdentityDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddPasswordValidator<PortalPasswordValidator>()
            .AddErrorDescriber<PortalIdentityErrorDescriber>();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordRules.Pbkdf2Iterations;
        });
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure<IOptions<PortalIdentityOptions>>((o, portal) => o.TokenLifespan = portal.Value.PasswordResetLifetime);
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<PortalIdentityOptions>>((o, portal) =>
            {
                o.ValidationInterval = portal.Value.SecurityStampValidationInterval;
                o.OnRefreshingPrincipal = SessionCookies.KeepSessionClaims;
            });

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddSingleton<DatabaseTicketStore>();
        // A session removed through the change tracker (a new security stamp) drops its cached read when the save commits.
        services.InvalidateCacheOnSave<UserSession>(session => DatabaseTicketStore.CacheTagOf(session.Id));
        services.AddRecurringJob<SessionCleanupJob>(SessionCleanupJob.JobId, SessionCleanupJob.Schedule);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<PortalIdentityOptions>>((cookie, portal) => SessionCookies.ConfigureApplicationCookie(cookie, portal.Value))
            // Server-side sessions: the cookie names a row of IdentitySessions, which signing out or a new password deletes.
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store)
            // After the cookie handler's own post-configuration, which makes the format this wraps.
            .PostConfigure<PortalCache, IOptions<PortalIdentityOptions>>((cookie, cache, portal)
                => cookie.TicketDataFormat = new KeptCookieFormat(cookie.TicketDataFormat, cache, portal.Value.SessionCacheLifetime));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme,
            o => SessionCookies.MakeHostCookie(o.Cookie, SessionCookies.TwoFactorUserIdCookieName));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme,
            o => SessionCookies.MakeHostCookie(o.Cookie, SessionCookies.TwoFactorRememberMeCookieName));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme,
            o => SessionCookies.MakeHostCookie(o.Cookie, SessionCookies.ExternalCookieName));
        services.AddAuthorization();
        services.AddSignInRateLimit();

        // Registered before the host's AddRazorComponents, whose default provider is only a fallback (TryAdd).
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();

        services.AddSingleton<SignInTimingEqualizer>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<Platform.Localization.IUserPreferenceStore, Account.UserPreferenceStore>();
        services.AddScoped<TwoFactorSetUp>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<AccountProfile>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<PartnerAdministration>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<Invitations>();
        services.AddScoped<InvitationAcceptance>();
        services.AddScoped<RolePermissions>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<Platform.Security.IPeopleDirectory, PeopleDirectory>();
        services.AddScoped<Platform.Security.IRoleDirectory, RoleDirectory>();
        services.AddScoped<IdentitySeeder>();
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureIdentityModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
    {
        context.Group<IdentityResource>(IdentityPermissions.Group)
            .Add(IdentityPermissions.Partners.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(IdentityPermissions.Partners.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(IdentityPermissions.Users.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead])
            .Add(IdentityPermissions.Users.Invite, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead])
            .Add(IdentityPermissions.Users.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(IdentityPermissions.Roles.ManagePermissions, [PortalRoles.Administrator]);
    }

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Partners", "/admin/partners", Icons.Material.Filled.Business, typeof(IdentityResource), 900, IdentityPermissions.Partners.View),
        new("Nav.Users", "/admin/users", Icons.Material.Filled.People, typeof(IdentityResource), 910, IdentityPermissions.Users.View),
        new("Nav.Roles", "/admin/roles", Icons.Material.Filled.AdminPanelSettings, typeof(IdentityResource), 920, IdentityPermissions.Roles.ManagePermissions),
        new("Nav.Profile", "/account/profile", Icons.Material.Filled.Person, typeof(IdentityResource), 985),
        new("Nav.TwoFactor", TwoFactorEnrollmentGate.SetUpPath, Icons.Material.Filled.Security, typeof(IdentityResource), 990),
        new("Nav.Sessions", "/account/sessions", Icons.Material.Filled.Devices, typeof(IdentityResource), 995),
    ];

    // The host maps modules after UseAuthentication/UseAuthorization, so the gate sees the signed-in user.
    public override void ConfigureMiddleware(IApplicationBuilder app)
    {
        app.UseMiddleware<TwoFactorEnrollmentGate>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        AccountEndpoints.Map(endpoints);
        IdentityEndpoints.Map(endpoints);
        AccountFormEndpoints.Map(endpoints);
    }

    public override Task SeedAsync(SeedContext context)
        => context.Services.GetRequiredService<IdentitySeeder>().SeedAsync(context.IncludeDemoData, context.CancellationToken);

    /// <summary>
    /// The bootstrap administrator's e-mail and whether its password is set: the seeder creates that user when it is
    /// missing. The password itself is left out: it is stored nowhere but in the user's hash, and a new one for an
    /// existing user changes nothing the seeder writes.
    /// </summary>
    public override IEnumerable<KeyValuePair<string, string?>> GetSeedInputs(IServiceProvider services)
    {
        var bootstrap = services.GetRequiredService<IOptions<PortalIdentityOptions>>().Value.BootstrapAdmin;
        yield return new("BootstrapAdmin:Email", bootstrap.Email?.Trim());
        yield return new("BootstrapAdmin:Password", string.IsNullOrEmpty(bootstrap.Password) ? "unset" : "set");
    }
}

/// <summary>Marker type of the Identity module's localization resource.</summary>
public sealed class IdentityResource;
