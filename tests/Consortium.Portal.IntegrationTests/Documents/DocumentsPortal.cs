using System.Collections.Concurrent;
using Consortium.Portal.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>
/// The portal with the Documents module, members placed in workspaces by <see cref="FakeWorkspaces"/> (the Documents
/// module only asks the access check), a clock the tests can move, and a small upload limit so "too large" is cheap.
/// </summary>
public abstract class DocumentsPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public const long UploadLimit = 256 * 1024;

    public FakeWorkspaces Workspaces { get; } = new();

    /// <summary>
    /// The portal's clock: it starts at the real time (blob stores stamp with theirs) and moves only when a test advances
    /// it (lock expiry, bin retention, extraction sweeps). Each read moves it a millisecond, so what the portal stamps in
    /// a row keeps its order as it would in real time.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IWorkspaceAccess>();
        services.AddSingleton<IWorkspaceAccess>(Workspaces);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        services.Configure<DocumentsOptions>(o => o.MaxUploadBytes = UploadLimit);
        ConfigureBlobs(services);
    }

    protected virtual void ConfigureBlobs(IServiceCollection services) { }

    /// <summary>A new workspace with one member of each role, and a member of another workspace.</summary>
    public WorkspaceCast NewWorkspace()
    {
        var workspace = Guid.NewGuid();
        Member Add(WorkspaceRole role, string name)
        {
            var id = Guid.NewGuid();
            Workspaces.Add(workspace, id, role, name);
            return new Member(id, name, SignedIn(PortalRoles.Member, id));
        }
        var owner = Add(WorkspaceRole.Owner, "Ana Owner");
        var editor = Add(WorkspaceRole.Editor, "Edon Editor");
        var secondEditor = Add(WorkspaceRole.Editor, "Jelena Editor");
        var reviewer = Add(WorkspaceRole.Reviewer, "Rina Reviewer");
        var viewer = Add(WorkspaceRole.Viewer, "Vuk Viewer");
        var outsiderId = Guid.NewGuid();
        Workspaces.Add(Guid.NewGuid(), outsiderId, WorkspaceRole.Owner, "Olivera Outsider");
        var outsider = new Member(outsiderId, "Olivera Outsider", SignedIn(PortalRoles.Member, outsiderId));
        return new WorkspaceCast(workspace, owner, editor, secondEditor, reviewer, viewer, outsider);
    }

    public async Task<List<string>> BlobNamesAsync()
    {
        await using var scope = Scope();
        var store = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var names = new List<string>();
        await foreach (var blob in store.ListAsync(DocumentsOptions.BlobContainer))
        {
            names.Add(blob.Name);
        }
        return names;
    }
}

public sealed record Member(Guid Id, string Name, HttpClient Client);

public sealed record WorkspaceCast(Guid Id, Member Owner, Member Editor, Member SecondEditor, Member Reviewer, Member Viewer, Member Outsider)
{
    public Member For(WorkspaceRole? role) => role switch
    {
        WorkspaceRole.Owner => Owner,
        WorkspaceRole.Editor => Editor,
        WorkspaceRole.Reviewer => Reviewer,
        WorkspaceRole.Viewer => Viewer,
        _ => Outsider,
    };
}

/// <summary>Workspace roles held in memory: what the Workspaces module answers, without its tables.</summary>
public sealed class FakeWorkspaces : IWorkspaceAccess
{
    private readonly ConcurrentDictionary<(Guid Workspace, Guid User), (WorkspaceRole Role, string Name)> _members = new();

    public void Add(Guid workspaceId, Guid userId, WorkspaceRole role, string name) => _members[(workspaceId, userId)] = (role, name);

    /// <summary>A new workspace with these members, each named by their id.</summary>
    public Guid New(params (Guid User, WorkspaceRole Role)[] members)
    {
        var id = Guid.NewGuid();
        foreach (var (user, role) in members)
        {
            Add(id, user, role, user.ToString());
        }
        return id;
    }

    public void Remove(Guid workspaceId, Guid userId) => _members.TryRemove((workspaceId, userId), out _);

    public Task<WorkspaceRole?> GetRoleAsync(Guid workspaceId, Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult(_members.TryGetValue((workspaceId, userId), out var m) ? m.Role : (WorkspaceRole?)null);

    public Task<bool> CanAsync(Guid workspaceId, Guid userId, WorkspaceAction action, CancellationToken cancellationToken = default)
    {
        var needed = action switch
        {
            WorkspaceAction.View => WorkspaceRole.Viewer,
            WorkspaceAction.Review => WorkspaceRole.Reviewer,
            WorkspaceAction.Edit => WorkspaceRole.Editor,
            _ => WorkspaceRole.Owner,
        };
        return Task.FromResult(_members.TryGetValue((workspaceId, userId), out var m) && m.Role >= needed);
    }

    public Task<IReadOnlyList<WorkspaceMemberDto>> GetMembersAsync(Guid workspaceId, WorkspaceRole minimumRole = WorkspaceRole.Viewer, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<WorkspaceMemberDto>>(_members
            .Where(m => m.Key.Workspace == workspaceId && m.Value.Role >= minimumRole)
            .Select(m => new WorkspaceMemberDto(m.Key.User, m.Value.Name, m.Value.Role, null))
            .ToList());

    public Task<string?> GetNameAsync(Guid workspaceId, CancellationToken cancellationToken = default)
        => Task.FromResult(_members.Keys.Any(k => k.Workspace == workspaceId) ? NameOf(workspaceId) : null);

    /// <summary>The name a workspace of the tests has: made from its id.</summary>
    public static string NameOf(Guid workspaceId) => $"Workspace {workspaceId.ToString("N")[..8]}";

    public Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<Guid>>(_members.Keys.Where(k => k.User == userId).Select(k => k.Workspace).Distinct().ToList());
}

public sealed class DocumentsSqlitePortal : DocumentsPortal<SqlitePortal>;

public sealed class DocumentsPostgreSqlPortal : DocumentsPortal<PostgreSqlPortal>;

/// <summary>SQLite with blobs in Azurite (PORTAL_TEST_AZURITE, started by build/services.sh): the Azure provider's paths.</summary>
public sealed class DocumentsAzuritePortal : DocumentsPortal<SqlitePortal>
{
    protected override void ConfigureBlobs(IServiceCollection services)
    {
        var connection = TestServers.Required("PORTAL_TEST_AZURITE", "Azurite, the Azure Storage emulator");
        services.RemoveAll<IBlobStore>();
        // A prefix of its own, so the fixture's containers are not another test run's.
        services.AddSingleton<IBlobStore>(new AzureBlobStore(connection, $"t{Guid.NewGuid():N}"[..12] + "-"));
    }
}

/// <summary>A portal whose blob storage cannot be reached: every write fails as an outage does.</summary>
public abstract class BrokenStoragePortal<TDatabase> : DocumentsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    protected override void ConfigureBlobs(IServiceCollection services)
    {
        services.RemoveAll<IBlobStore>();
        services.AddSingleton<IBlobStore, UnreachableBlobStore>();
    }
}

public sealed class BrokenStorageSqlitePortal : BrokenStoragePortal<SqlitePortal>;

public sealed class BrokenStoragePostgreSqlPortal : BrokenStoragePortal<PostgreSqlPortal>;

internal sealed class UnreachableBlobStore : IBlobStore
{
    private static BlobStorageUnavailableException Down() => new("The storage account does not answer (test).");

    public async Task<BlobProperties> PutAsync(string container, string name, Stream content, BlobPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Like a real outage, part of the upload is read before the connection fails.
        var buffer = new byte[8192];
        _ = await content.ReadAsync(buffer, cancellationToken);
        throw Down();
    }

    public Task<BlobDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) => throw Down();
    public Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => throw Down();
    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default) => throw Down();
    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => throw Down();
    public IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) => throw Down();
    public Task CheckAvailabilityAsync(CancellationToken cancellationToken = default) => throw Down();
}
