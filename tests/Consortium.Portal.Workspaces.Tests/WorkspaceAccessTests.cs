using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Access;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workspaces.Tests;

/// <summary>The access check other modules ask, on a real (in-memory SQLite) database of the module's tables.</summary>
public sealed class WorkspaceAccessTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Bprg = Guid.NewGuid();
    private static readonly Guid Bcsp = Guid.NewGuid();

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly InMemoryUserDirectory _directory = new();
    private readonly SignedInUser _signedIn = new();
    private readonly PortalCache _cache = new(TimeProvider.System, Options.Create(new PortalCacheOptions()));
    private readonly WorkspaceSnapshots _snapshots;
    private readonly CacheInvalidationInterceptor _invalidation;

    private readonly PortalUserDto _coordinator;
    private readonly PortalUserDto _owner;
    private readonly PortalUserDto _bprgMember;
    private readonly PortalUserDto _bcspMember;
    private readonly PortalUserDto _guest;
    private readonly PortalUserDto _disabledBprgMember;

    public WorkspaceAccessTests()
    {
        _snapshots = new WorkspaceSnapshots(_cache, Options.Create(new WorkspacesOptions()));
        // As in the portal: the module's declarations, applied to every save by the Platform's interceptor.
        var declarations = new ServiceCollection();
        WorkspacesModule.DeclareCacheInvalidation(declarations);
        _invalidation = new CacheInvalidationInterceptor(_cache,
            declarations.Select(d => d.ImplementationInstance).OfType<CacheInvalidationRule>());
        _coordinator = _directory.Add("Ardita Kelmendi", PortalRoles.Coordinator);
        _owner = _directory.Add("Driton Berisha", PortalRoles.PartnerLead, Bprg);
        _bprgMember = _directory.Add("Blerta Gashi", PortalRoles.Member, Bprg);
        _bcspMember = _directory.Add("Milena Kostić", PortalRoles.Member, Bcsp);
        _guest = _directory.Add("Jelena Novinar", PortalRoles.Guest, Bprg);
        _disabledBprgMember = _directory.Add("Faton Hoxha", PortalRoles.Member, Bprg, disabled: true);
    }

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        _cache.Dispose();
    }

    private WorkspacesDbContext NewContext()
        => new(new DbContextOptionsBuilder<WorkspacesDbContext>().UseSqlite(_connection).AddInterceptors(_invalidation).Options);

    private WorkspaceAccess NewAccess(WorkspacesDbContext db) => new(db, _snapshots, new WorkspaceUsers(_signedIn, _directory, new UserPermissionChecker(_signedIn, [_directory], new DefaultGrants())), _directory);

    /// <summary>A research report workspace owned by BPRG's lead, with BPRG as Editor and the guest as a direct Reviewer.</summary>
    private async Task<Workspace> SeedReportAsync(Action<Workspace>? change = null)
    {
        await using var db = NewContext();
        var workspace = Workspace.Create(Guid.NewGuid(), "Joint research report", null, WorkspaceKind.ResearchReport, _owner.Id, Now);
        workspace.AddPartner(Bprg, WorkspaceRole.Editor, _owner.Id, Now);
        workspace.AddUser(_guest.Id, WorkspaceRole.Reviewer, _owner.Id, Now);
        change?.Invoke(workspace);
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace;
    }

    [Fact]
    public async Task A_partner_member_edits_through_the_partner_membership()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.Equal(WorkspaceRole.Editor, await access.GetRoleAsync(report.Id, _bprgMember.Id));
        Assert.True(await access.CanAsync(report.Id, _bprgMember.Id, WorkspaceAction.Edit));
        Assert.False(await access.CanAsync(report.Id, _bprgMember.Id, WorkspaceAction.Manage));
    }

    [Fact]
    public async Task Staff_of_another_partner_may_do_nothing()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.Null(await access.GetRoleAsync(report.Id, _bcspMember.Id));
        foreach (var action in Enum.GetValues<WorkspaceAction>())
        {
            Assert.False(await access.CanAsync(report.Id, _bcspMember.Id, action), $"{action} was allowed");
        }
        Assert.DoesNotContain(report.Id, await access.GetVisibleWorkspaceIdsAsync(_bcspMember.Id));
    }

    [Fact]
    public async Task The_signed_in_user_is_judged_by_their_claims()
    {
        var report = await SeedReportAsync();
        var newcomer = Guid.NewGuid();
        _signedIn.SignIn(newcomer, PortalRoles.Member, Bprg);
        await using var db = NewContext();

        Assert.True(await NewAccess(db).CanAsync(report.Id, newcomer, WorkspaceAction.Edit));
    }

    [Fact]
    public async Task A_guest_reviews_where_invited_but_gains_nothing_from_their_organisation()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.Equal(WorkspaceRole.Reviewer, await access.GetRoleAsync(report.Id, _guest.Id));
        Assert.True(await access.CanAsync(report.Id, _guest.Id, WorkspaceAction.Review));
        Assert.False(await access.CanAsync(report.Id, _guest.Id, WorkspaceAction.Edit));
    }

    [Fact]
    public async Task A_guest_sees_only_the_workspaces_they_are_invited_to()
    {
        var report = await SeedReportAsync();
        var partnersOnly = await SeedReportAsync(w => w.RemoveMember(w.Members.Single(m => m.UserId == _guest.Id).Id));
        await using var db = NewContext();

        var visible = await NewAccess(db).GetVisibleWorkspaceIdsAsync(_guest.Id);

        Assert.Contains(report.Id, visible);
        Assert.DoesNotContain(partnersOnly.Id, visible);
    }

    [Fact]
    public async Task The_coordinator_manages_every_workspace_without_a_membership()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.Null(await access.GetRoleAsync(report.Id, _coordinator.Id));
        Assert.True(await access.CanAsync(report.Id, _coordinator.Id, WorkspaceAction.Manage));
        Assert.Contains(report.Id, await access.GetVisibleWorkspaceIdsAsync(_coordinator.Id));
    }

    [Fact]
    public async Task An_archived_workspace_can_only_be_viewed()
    {
        var report = await SeedReportAsync(w => w.Archive(Now));
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.True(await access.CanAsync(report.Id, _owner.Id, WorkspaceAction.View));
        Assert.False(await access.CanAsync(report.Id, _owner.Id, WorkspaceAction.Manage));
        Assert.False(await access.CanAsync(report.Id, _bprgMember.Id, WorkspaceAction.Edit));
        Assert.False(await access.CanAsync(report.Id, _coordinator.Id, WorkspaceAction.Edit));
    }

    [Fact]
    public async Task A_workspace_that_does_not_exist_allows_nothing()
    {
        await using var db = NewContext();
        var access = NewAccess(db);

        Assert.False(await access.CanAsync(Guid.NewGuid(), _coordinator.Id, WorkspaceAction.View));
        Assert.Null(await access.GetRoleAsync(Guid.NewGuid(), _owner.Id));
        Assert.Empty(await access.GetMembersAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_disabled_user_may_do_nothing()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();

        Assert.False(await NewAccess(db).CanAsync(report.Id, _disabledBprgMember.Id, WorkspaceAction.View));
        Assert.Empty(await NewAccess(db).GetVisibleWorkspaceIdsAsync(_disabledBprgMember.Id));
    }

    [Fact]
    public async Task A_removed_membership_is_no_longer_honoured_by_the_same_access_check()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);
        Assert.True(await access.CanAsync(report.Id, _bprgMember.Id, WorkspaceAction.Edit));

        await using (var other = NewContext())
        {
            var workspace = await other.Workspaces.Include(w => w.Members).SingleAsync(w => w.Id == report.Id);
            var partner = workspace.RemoveMember(workspace.Members.Single(m => m.PartnerOrganisationId == Bprg).Id);
            other.Memberships.Remove(partner);
            await other.SaveChangesAsync();
        }

        Assert.False(await access.CanAsync(report.Id, _bprgMember.Id, WorkspaceAction.View));
    }

    [Fact]
    public async Task Members_are_expanded_from_partner_memberships_and_filtered_by_role()
    {
        var report = await SeedReportAsync();
        await using var db = NewContext();
        var access = NewAccess(db);

        var everyone = await access.GetMembersAsync(report.Id);
        var editors = await access.GetMembersAsync(report.Id, WorkspaceRole.Editor);

        Assert.Equal(
            [(_owner.Id, WorkspaceRole.Owner, (Guid?)null), (_bprgMember.Id, WorkspaceRole.Editor, Bprg), (_guest.Id, WorkspaceRole.Reviewer, null)],
            everyone.Select(m => (m.UserId, m.Role, m.ViaPartnerOrganisationId)).ToList());
        Assert.Equal([_owner.Id, _bprgMember.Id], editors.Select(m => m.UserId).ToList());
        Assert.DoesNotContain(everyone, m => m.UserId == _disabledBprgMember.Id);
    }
}
