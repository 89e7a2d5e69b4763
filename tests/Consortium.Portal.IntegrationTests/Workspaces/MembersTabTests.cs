using Bunit;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workspaces.Components;
using Consortium.Portal.Workspaces.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Consortium.Portal.IntegrationTests.Workspaces;

/// <summary>The portal with the Workspaces module's saves held on the test's word (<see cref="Saves"/>).</summary>
public abstract class WorkspacesPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    internal HeldSaves Saves { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
        => services.ConfigureDbContext<WorkspacesDbContext>(options => options.AddInterceptors(Saves));
}

public sealed class WorkspacesSqlitePortal : WorkspacesPortal<SqlitePortal>;

public sealed class WorkspacesPostgreSqlPortal : WorkspacesPortal<PostgreSqlPortal>;

/// <summary>A workspace's Members tab while an addition is on its way.</summary>
public abstract class MembersTabTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : WorkspacesPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_next_organisation_chosen_while_one_is_added_stays_chosen()
    {
        var owner = portal.SignedIn(PortalRoles.PartnerLead);
        var workspace = await owner.CreateWorkspaceAsync();
        await using var tab = new PortalPage(portal.App, owner);
        var members = tab.Page.Render<MembersTab>(p => p.Add(c => c.WorkspaceId, workspace.Id));
        members.WaitForElement("#add-member");
        await members.InvokeAsync(() => members.FindComponent<MudToggleGroup<bool>>().Instance.ValueChanged.InvokeAsync(true));
        IReadOnlyList<PartnerOrganisationDto> partners;
        await using (var scope = portal.Scope())
        {
            partners = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().GetPartnersAsync();
        }
        var (first, next) = (partners[0], partners[1]);
        await members.InvokeAsync(() => members.FindComponent<MudSelect<PartnerOrganisationDto>>().Instance.ValueChanged.InvokeAsync(first));
        portal.Saves.Hold();
        var add = members.InvokeAsync(() => members.Find("#add-member").Click());
        await portal.Saves.Reached;

        await members.InvokeAsync(() => members.FindComponent<MudSelect<PartnerOrganisationDto>>().Instance.ValueChanged.InvokeAsync(next));
        portal.Saves.Release();
        await add;

        members.WaitForAssertion(() => Assert.Contains(first.ShortName, members.Find("#members").TextContent));
        Assert.Equal(next, members.FindComponent<MudSelect<PartnerOrganisationDto>>().Instance.GetState(s => s.Value));
    }
}

public sealed class MembersTabTests_Sqlite(WorkspacesSqlitePortal portal) : MembersTabTests<WorkspacesSqlitePortal, SqlitePortal>(portal);

public sealed class MembersTabTests_PostgreSql(WorkspacesPostgreSqlPortal portal) : MembersTabTests<WorkspacesPostgreSqlPortal, PostgreSqlPortal>(portal);
