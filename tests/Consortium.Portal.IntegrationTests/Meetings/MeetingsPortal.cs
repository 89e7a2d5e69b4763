using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>
/// The portal with workspace members (<see cref="FakeWorkspaces"/>) who are people of partners (<see cref="FakeDirectory"/>),
/// and a clock the tests move.
/// </summary>
public abstract class MeetingsPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public FakeWorkspaces Workspaces { get; } = new();

    public FakeDirectory Directory { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IWorkspaceAccess>();
        services.AddSingleton<IWorkspaceAccess>(Workspaces);
        services.RemoveAll<IUserDirectory>();
        services.AddSingleton<IUserDirectory>(Directory);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    /// <summary>A Forum workspace: an organiser (BFPE lead), members of a Kosovo and a Serbian partner, and an outsider.</summary>
    public ForumCast NewForum()
    {
        var workspace = Guid.NewGuid();
        Attendee Add(string name, ConsortiumPartners.Partner partner, WorkspaceRole? role, string portalRole = PortalRoles.Member)
        {
            var id = Guid.NewGuid();
            Directory.Add(new PortalUserDto(id, $"{id:N}@example.org", name, partner.Id, [portalRole], false));
            Workspaces.Add(role is null ? Guid.NewGuid() : workspace, id, role ?? WorkspaceRole.Owner, name);
            return new Attendee(id, name, SignedIn(portalRole, id));
        }
        return new ForumCast(
            workspace,
            Add("Ana Organiser", ConsortiumPartners.Bfpe, WorkspaceRole.Owner, PortalRoles.PartnerLead),
            Add("Besa Kosovo", ConsortiumPartners.Kcss, WorkspaceRole.Viewer),
            Add("Marko Serbia", ConsortiumPartners.Bcsp, WorkspaceRole.Viewer),
            Add("Olivera Outsider", ConsortiumPartners.Yucom, null));
    }
}

public sealed record Attendee(Guid Id, string Name, HttpClient Client);

public sealed record ForumCast(Guid Id, Attendee Organiser, Attendee Kosovar, Attendee Serbian, Attendee Outsider);

public sealed class MeetingsSqlitePortal : MeetingsPortal<SqlitePortal>;

public sealed class MeetingsPostgreSqlPortal : MeetingsPortal<PostgreSqlPortal>;
