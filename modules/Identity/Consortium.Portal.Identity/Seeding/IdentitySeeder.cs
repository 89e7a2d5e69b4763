using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Seeding;

/// <summary>
/// What every installation needs (the five roles, the eight partners, optionally a first administrator) and, on
/// request, the demo data set. Running it again adds nothing.
/// </summary>
internal sealed class IdentitySeeder(
    PortalIdentityDbContext db,
    UserManager<PortalUser> users,
    RoleManager<PortalRole> roles,
    IOptions<PortalIdentityOptions> options,
    ILogger<IdentitySeeder> logger)
{
    public const string DemoPassword = "Demo-Portal-2026!";
    public const string DemoDomain = "demo.portal";
    public const string DemoCoordinatorEmail = "coordinator@" + DemoDomain;
    public const string DemoAdministratorEmail = "admin@" + DemoDomain;

    private static readonly Dictionary<string, Guid> RoleIds = new(StringComparer.Ordinal)
    {
        [PortalRoles.Administrator] = new("af9854a4-ce81-4cd2-a2c8-ef3605fe426c"),
        [PortalRoles.Coordinator] = new("27bb74df-0cb5-4463-b16a-613d582fbc2d"),
        [PortalRoles.PartnerLead] = new("5ff1ad93-6e47-4925-99f3-163e2601a8d6"),
        [PortalRoles.Member] = new("007531d5-4cc0-4deb-8e1a-5e1b4e0e7a7d"),
        [PortalRoles.Guest] = new("5d84176f-793e-459c-bff7-b265809c2f5c"),
    };

    /// <summary>Demo staff per partner: the lead first, then two members. Names common on each side.</summary>
    internal static readonly IReadOnlyDictionary<Guid, (string Culture, string[] Names)> DemoStaff = new Dictionary<Guid, (string, string[])>
    {
        [ConsortiumPartners.Bprg.Id] = ("sq", ["Driton Berisha", "Blerta Gashi", "Faton Hoxha"]),
        [ConsortiumPartners.D4D.Id] = ("sq", ["Lirije Shala", "Besnik Rexhepi", "Donika Zeka"]),
        [ConsortiumPartners.Kcss.Id] = ("sq", ["Agron Bytyqi", "Mimoza Hyseni", "Valon Dervishi"]),
        [ConsortiumPartners.Aktiv.Id] = ("sr-Latn", ["Milica Jovanović", "Nenad Stojanović", "Dragana Ilić"]),
        [ConsortiumPartners.Bfpe.Id] = ("sr-Latn", ["Marko Nikolić", "Ana Đorđević", "Stefan Pavlović"]),
        [ConsortiumPartners.EMinS.Id] = ("sr-Latn", ["Jovana Popović", "Ivan Lazić", "Tamara Živković"]),
        [ConsortiumPartners.Bcsp.Id] = ("sr-Latn", ["Milena Kostić", "Dušan Ristić", "Katarina Todorović"]),
        [ConsortiumPartners.Yucom.Id] = ("sr-Latn", ["Vladimir Radovanović", "Sanja Marković", "Petar Vuković"]),
    };

    private string? _demoPasswordHash;
    private bool _sharingDemoHash;

    public async Task SeedAsync(bool includeDemoData, CancellationToken cancellationToken)
    {
        await SeedRolesAsync();
        await SeedPartnersAsync(cancellationToken);
        await SeedBootstrapAdministratorAsync();
        if (includeDemoData)
        {
            await SeedDemoUsersAsync();
        }
    }

    private async Task SeedRolesAsync()
    {
        foreach (var (name, id) in RoleIds)
        {
            if (await roles.FindByNameAsync(name) is null)
            {
                Require(await roles.CreateAsync(new PortalRole(name) { Id = id }), $"role {name}");
            }
        }
    }

    private async Task SeedPartnersAsync(CancellationToken cancellationToken)
    {
        var existing = await db.PartnerOrganisations.Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var partner in ConsortiumPartners.All.Where(p => !existing.Contains(p.Id)))
        {
            db.PartnerOrganisations.Add(new PartnerOrganisation(partner.Id, partner.ShortName, partner.Name, partner.Side));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedBootstrapAdministratorAsync()
    {
        var bootstrap = options.Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(bootstrap.Email) || string.IsNullOrEmpty(bootstrap.Password))
        {
            return;
        }
        if (await EnsureUserAsync(bootstrap.Email.Trim(), "Administrator", bootstrap.Password, PortalRoles.Administrator, null, "en",
                "Identity:BootstrapAdmin (check that Identity:BootstrapAdmin:Password is at least 12 characters and not a common password)"))
        {
            logger.LogInformation("Created the bootstrap administrator {Email}", bootstrap.Email);
        }
    }

    private async Task SeedDemoUsersAsync()
    {
        // The demo users share one published password, so they may share its hash: hashing it once (210,000
        // PBKDF2 iterations) instead of 26 times keeps every start with demo data, and every test portal, quick. Hashed
        // only when a user is created: a start on a database that has them all hashes nothing.
        _sharingDemoHash = true;
        var created = 0;
        if (await EnsureUserAsync(DemoCoordinatorEmail, "Ardita Kelmendi", DemoPassword, PortalRoles.Coordinator, null, "en", "the demo coordinator")) created++;
        if (await EnsureUserAsync(DemoAdministratorEmail, "Nikola Stanković", DemoPassword, PortalRoles.Administrator, null, "en", "the demo administrator")) created++;
        foreach (var partner in ConsortiumPartners.All)
        {
            var (culture, names) = DemoStaff[partner.Id];
            var shortName = partner.ShortName.ToLowerInvariant();
            if (await EnsureUserAsync($"lead.{shortName}@{DemoDomain}", names[0], DemoPassword, PortalRoles.PartnerLead, partner.Id, culture, "a demo partner lead")) created++;
            for (var i = 1; i <= 2; i++)
            {
                if (await EnsureUserAsync($"member{i}.{shortName}@{DemoDomain}", names[i], DemoPassword, PortalRoles.Member, partner.Id, culture, "a demo member")) created++;
            }
        }
        if (created > 0)
        {
            logger.LogInformation("Seeded {Count} demo users; they sign in with the password {Password}", created, DemoPassword);
        }
    }

    /// <summary>Creates the user unless one with that e-mail exists; true when it was created.</summary>
    private async Task<bool> EnsureUserAsync(string email, string displayName, string password, string role, Guid? partnerId, string culture, string what)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PartnerOrganisationId = partnerId,
            PreferredCulture = culture,
        };
        if (password == DemoPassword && _sharingDemoHash)
        {
            foreach (var validator in users.PasswordValidators)
            {
                Require(await validator.ValidateAsync(users, user, password), what);
            }
            user.PasswordHash = _demoPasswordHash ??= users.PasswordHasher.HashPassword(new PortalUser(), DemoPassword);
            Require(await users.CreateAsync(user), what);
        }
        else
        {
            Require(await users.CreateAsync(user, password), what);
        }
        Require(await users.AddToRoleAsync(user, role), what);
        return true;
    }

    private static void Require(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
