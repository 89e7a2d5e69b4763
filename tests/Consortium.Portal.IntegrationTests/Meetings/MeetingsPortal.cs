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
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    /// <summary>What a test puts before one save of a meeting: another writer's save, or a wait.</summary>
    public MeetingSaveHook Saves { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<MeetingsDbContext>(options => options.AddInterceptors(Saves));
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
/// Puts something a test chooses before the next save of a meeting that matches, once: another organiser's edit saved
/// between a request's read and its own save (<see cref="Before"/>), or a new meeting's save held until the test lets it
/// go, as a loaded server keeps it waiting (<see cref="HoldCreate"/>). Every other save passes.
/// </summary>
public sealed class MeetingSaveHook : SaveChangesInterceptor
{
    private Armed? _armed;

    /// <summary>Runs <paramref name="otherWriterSaves"/> before the next save that changes meeting <paramref name="meetingId"/>.</summary>
    public void Before(Guid meetingId, Func<Task> otherWriterSaves)
        => Volatile.Write(ref _armed, new Armed(e => e.Entity.Id == meetingId && e.State == EntityState.Modified, otherWriterSaves));

    /// <summary>Holds the save of the next meeting drafted in <paramref name="workspaceId"/> until <see cref="HeldSave.Released"/>.</summary>
    public HeldSave HoldCreate(Guid workspaceId)
    {
        var held = new HeldSave();
        Volatile.Write(ref _armed, new Armed(e => e.Entity.WorkspaceId == workspaceId && e.State == EntityState.Added, async () =>
        {
            held.Reached.TrySetResult();
            await held.Released.Task;
        }));
        return held;
    }

    /// <summary>Holds the next save that touches meeting <paramref name="meetingId"/> (its minutes, say) until <see cref="HeldSave.Released"/>.</summary>
    public HeldSave HoldSaveOf(Guid meetingId)
    {
        var held = new HeldSave();
        Volatile.Write(ref _armed, new Armed(e => e.Entity.Id == meetingId, async () =>
        {
            held.Reached.TrySetResult();
            await held.Released.Task;
        }));
        return held;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) is { } armed
            && eventData.Context?.ChangeTracker.Entries<ForumMeeting>().Any(armed.Matches) == true
            && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
        {
            await armed.BeforeSave().WaitAsync(cancellationToken);
        }
        return result;
    }

    public sealed class HeldSave
    {
        /// <summary>Done once the held save has begun.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Armed(Func<EntityEntry<ForumMeeting>, bool> Matches, Func<Task> BeforeSave);
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
