using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

    /// <summary>Another writer's save put between a request's read of a meeting and its own save.</summary>
    public MeetingSaveRace SaveRace { get; } = new();

    /// <summary>A new meeting's save held until the test lets it go, as a loaded server keeps it waiting.</summary>
    public HeldMeetingCreate HeldCreate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<MeetingsDbContext>(options => options.AddInterceptors(SaveRace, HeldCreate));
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

/// <summary>
/// A lost save for real: armed for one meeting, the next save that changes it first lets another writer save it (once),
/// so the row's stamp has moved on between that request's read, whose stamp check passed, and its own save, which the
/// database's concurrency token then refuses.
/// </summary>
public sealed class MeetingSaveRace : SaveChangesInterceptor
{
    private Armed? _armed;

    public void Before(Guid meetingId, Func<Task> otherWriterSaves) => Volatile.Write(ref _armed, new Armed(meetingId, otherWriterSaves));

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) is { } armed
            && eventData.Context?.ChangeTracker.Entries<ForumMeeting>().Any(e => e.Entity.Id == armed.MeetingId && e.State == EntityState.Modified) == true
            && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            await armed.OtherWriterSaves();
        }
        return result;
    }

    private sealed record Armed(Guid MeetingId, Func<Task> OtherWriterSaves);
}

/// <summary>
/// Holds the save of the next meeting drafted in a workspace until the test lets it go: a second click on "Create"
/// then comes while the first is still saving, as on a loaded server. Only that first save waits; every other passes.
/// </summary>
public sealed class HeldMeetingCreate : SaveChangesInterceptor
{
    private HeldSave? _armed;

    public HeldSave Hold(Guid workspaceId)
    {
        var held = new HeldSave(workspaceId);
        Volatile.Write(ref _armed, held);
        return held;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) is { } held
            && eventData.Context?.ChangeTracker.Entries<ForumMeeting>().Any(e => e.Entity.WorkspaceId == held.WorkspaceId && e.State == EntityState.Added) == true
            && Interlocked.CompareExchange(ref _armed, null, held) == held)
        {
            held.Reached.TrySetResult();
            await held.Released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }

    public sealed class HeldSave(Guid workspaceId)
    {
        public Guid WorkspaceId { get; } = workspaceId;

        /// <summary>Done once the held save has begun.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Meetings made through the API as an organiser makes them, for the tests of the module's API and pages.</summary>
public static class ForumMeetings
{
    /// <summary>Drafts the meeting, opens it unless told not to, and answers it as a GET does.</summary>
    public static async Task<MeetingDto> CreateAsync(Attendee organiser, Guid workspaceId, CreateMeetingRequest request, bool open = true)
    {
        var created = await organiser.Client.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(workspaceId), request, DocumentsClient.Json);
        var meeting = await created.ReadAsync<MeetingDto>(HttpStatusCode.Created);
        if (open)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/open", null)).StatusCode);
        }
        return await (await organiser.Client.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>();
    }
}

public sealed record Attendee(Guid Id, string Name, HttpClient Client);

public sealed record ForumCast(Guid Id, Attendee Organiser, Attendee Kosovar, Attendee Serbian, Attendee Outsider);

public sealed class MeetingsSqlitePortal : MeetingsPortal<SqlitePortal>;

public sealed class MeetingsPostgreSqlPortal : MeetingsPortal<PostgreSqlPortal>;
