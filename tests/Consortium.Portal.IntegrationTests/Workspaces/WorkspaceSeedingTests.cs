using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Workspaces.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

public abstract class WorkspaceSeedingTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal portal;

    protected WorkspaceSeedingTests(TPortal portal)
    {
        portal.StartsOnSeededCopy = false; // what the first start seeds, on an empty database
        this.portal = portal;
    }

    private static readonly string[] DemoNames =
    [
        "Consortium Forum",
        "Joint research report: perspectives of Kosovo Albanians, Kosovo Serbs and Serbia",
        "Op-ed series 2026",
        "Seminar on rule of law and security for journalists",
    ];

    [Fact]
    public async Task The_demo_workspaces_are_seeded_with_their_partners_and_seeding_again_adds_nothing()
    {
        portal.CreatePortalClient(); // starts the portal, which seeds the demo data
        await portal.Services.SeedPortalModulesAsync(includeDemoData: true);

        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkspacesDbContext>();
        var seeded = await db.Workspaces.AsNoTracking().Include(w => w.Members).Where(w => DemoNames.Contains(w.Name)).ToListAsync();

        Assert.Equal(DemoNames, seeded.Select(w => w.Name).Order(StringComparer.Ordinal));
        var forum = seeded.Single(w => w.Name == "Consortium Forum");
        Assert.Equal(ConsortiumPartners.All.Select(p => p.Id).Order(), forum.Members.Where(m => m.PartnerOrganisationId is not null).Select(m => m.PartnerOrganisationId!.Value).Order());
        Assert.All(seeded, w => Assert.Contains(w.Members, m => m.UserId is not null && m.Role == WorkspaceRole.Owner));
        var report = seeded.Single(w => w.Kind == WorkspaceKind.ResearchReport);
        Assert.Contains(report.Members, m => m.PartnerOrganisationId == ConsortiumPartners.Bcsp.Id && m.Role == WorkspaceRole.Editor);
    }
}

public sealed class WorkspaceSeedingTests_Sqlite(SqlitePortal portal) : WorkspaceSeedingTests<SqlitePortal>(portal);

public sealed class WorkspaceSeedingTests_PostgreSql(PostgreSqlPortal portal) : WorkspaceSeedingTests<PostgreSqlPortal>(portal);
