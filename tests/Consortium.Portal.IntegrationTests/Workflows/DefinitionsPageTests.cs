using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Pages;
using Microsoft.Extensions.DependencyInjection;
using static Consortium.Portal.IntegrationTests.Workflows.WorkflowsSetUp;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>The coordinator's definitions page while a change it started is on its way.</summary>
public abstract class DefinitionsPageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : WorkflowsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task A_definition_opened_while_instances_move_stays_open()
    {
        var coordinator = portal.NewPerson("Vjosa Coordinator", null, PortalRoles.Coordinator);
        var lead = portal.NewPerson("Lead of BCSP", ConsortiumPartners.Bcsp, PortalRoles.PartnerLead);
        var (moved, other) = ("tests." + Guid.NewGuid().ToString("N")[..12], "tests." + Guid.NewGuid().ToString("N")[..12]);
        await PublishAsync(portal.App.Services, moved, Stage("review", Users(lead.Id)));
        await StartAsync(portal.App.Services, moved);
        await PublishAsync(portal.App.Services, moved, Stage("review", Users(lead.Id)), Stage("sign-off", Users(lead.Id)));
        await PublishAsync(portal.App.Services, other, Stage("review", Users(lead.Id)));
        await using var tab = new PortalPage(portal.App, coordinator.Client);
        var page = tab.Page.Render<DefinitionsPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr"), r => r.TextContent.Contains(other, StringComparison.Ordinal)));
        await page.InvokeAsync(() => OpenButton(page, moved).Click());
        page.WaitForAssertion(() => Assert.Contains("Definition " + moved, page.Find("#definition-heading").TextContent));

        // The move's own save (an instance changed): a fresh-clone check hung here once, with every save of the module held.
        portal.WorkflowSaves.Hold(db => db.ChangeTracker.Entries<Consortium.Portal.Workflows.Domain.WorkflowInstance>()
            .Any(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified));
        // Awaiting the press awaits its handler to the end, the reopening it may do included.
        var move = page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Move those that can", StringComparison.Ordinal)).ClickAsync(new()));
        await portal.WorkflowSaves.Reached;
        await page.InvokeAsync(() => OpenButton(page, other).Click());
        page.WaitForAssertion(() => Assert.Contains("Definition " + other, page.Find("#definition-heading").TextContent));
        portal.WorkflowSaves.Release();
        await move;

        // The instance moved, and the definition the coordinator opened meanwhile stays open.
        await using (var scope = portal.Scope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<WorkflowVersionMoves>().PreviewAsync(moved));
        }
        Assert.Contains("Definition " + other, page.Find("#definition-heading").TextContent);
    }

    private static AngleSharp.Dom.IElement OpenButton(IRenderedComponent<DefinitionsPage> page, string key)
        => page.FindAll("tr").Single(r => r.TextContent.Contains(key, StringComparison.Ordinal)).QuerySelector("button")!;
}

public sealed class DefinitionsPageTests_Sqlite(WorkflowsSqlitePortal portal) : DefinitionsPageTests<WorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class DefinitionsPageTests_PostgreSql(WorkflowsPostgreSqlPortal portal) : DefinitionsPageTests<WorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
