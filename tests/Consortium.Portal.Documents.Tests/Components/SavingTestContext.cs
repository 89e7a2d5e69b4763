using Bunit;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Text;
using Consortium.Portal.Tests;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// A bUnit context for the module's components over its real services on an SQLite database in memory, whose saves a
/// test can hold (<see cref="Saves"/>) to do what a person can do while one is on its way. The signed-in user is an
/// Editor of <see cref="WorkspaceId"/>, which <see cref="Colleague"/> may review too; what the module tells other
/// modules (events, live changes, notifications, the audit log) goes nowhere, and no file is read.
/// </summary>
public sealed class SavingTestContext : IAsyncDisposable
{
    public static readonly Guid WorkspaceId = Guid.Parse("3f2a9c10-6b7d-4e8f-a1b2-c3d4e5f60718");

    public static readonly WorkspaceMemberDto Me = new(ComponentTestContext.UserId, "Blerta Gashi", WorkspaceRole.Editor, null);
    public static readonly WorkspaceMemberDto Colleague = new(Guid.Parse("5e8d7c6b-4a39-4821-9f0e-1d2c3b4a5968"), "Mimoza Hyseni", WorkspaceRole.Reviewer, null);

    public BunitContext Page { get; } = new();

    internal HeldSaves Saves { get; } = new();

    /// <summary>The JavaScript runtime the components get: bUnit's, whose modules refuse calls once disposed, as Blazor's do.</summary>
    internal ModulesGoneWithTheirTab Js { get; }

    private readonly SqliteConnection _database = new("Data Source=:memory:");
    private readonly OneWorkspace _workspace = new();

    /// <summary>The signed-in user is no longer a member of the workspace: what they read or save next is refused.</summary>
    internal void LeaveWorkspace() => _workspace.Left = true;

    public SavingTestContext()
    {
        _database.Open();
        var services = Page.Services;
        services.AddPortalComponentBasics(() => new SignedInUser(ComponentTestContext.UserId, "editor@bprg.example"));
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new DocumentsOptions()));
        services.AddSingleton(Options.Create(new PortalCacheOptions()));
        services.AddSingleton<PortalCache>();
        services.AddSingleton<DocumentListCache>();
        services.AddSingleton<MarkdownRendering>();
        services.AddDbContext<DocumentsDbContext>(o => o.UseSqlite(_database).AddInterceptors(Saves));
        services.AddSingleton<IWorkspaceAccess>(_workspace);
        services.AddSingleton<Nowhere>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<Nowhere>());
        services.AddSingleton<IIntegrationEventPublisher>(sp => sp.GetRequiredService<Nowhere>());
        services.AddSingleton<ILiveChanges>(sp => sp.GetRequiredService<Nowhere>());
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<Nowhere>());
        services.AddSingleton<IBlobStore, NoFiles>();
        services.AddScoped<IValidator<WriteCommentRequest>, WriteCommentRequestValidator>();
        services.AddScoped<IValidator<EditCommentRequest>, EditCommentRequestValidator>();
        services.AddScoped<IValidator<RequestReviewRequest>, RequestReviewRequestValidator>();
        services.AddScoped<IValidator<AnswerReviewRequest>, AnswerReviewRequestValidator>();
        services.AddScoped<IValidator<SuggestEditRequest>, SuggestEditRequestValidator>();
        services.AddScoped<IValidator<CreateFolderRequest>, CreateFolderRequestValidator>();
        services.AddScoped<IValidator<UpdateFolderRequest>, UpdateFolderRequestValidator>();
        services.AddScoped<IValidator<UpdateDocumentRequest>, UpdateDocumentRequestValidator>();
        services.AddScoped<DocumentAccess>();
        services.AddScoped<MemberNames>();
        services.AddScoped<VersionTexts>();
        services.AddScoped<DocumentFollowers>();
        services.AddScoped<DocumentVersionEvents>();
        services.AddScoped<DocumentLibrary>();
        services.AddScoped<DocumentComments>();
        services.AddScoped<DocumentReviews>();
        services.AddScoped<DocumentSuggestions>();
        services.AddScoped<DocumentPurge>();
        services.AddScoped<RecycleBin>();
        // The document page's too: its preview, a tab's live changes (none come) and the people's partners (none).
        services.AddScoped<DocumentViews>();
        services.AddSingleton<ILiveChangeFeed>(sp => sp.GetRequiredService<Nowhere>());
        services.AddSingleton<IUserDirectory, NoDirectory>();
        Page.JSInterop.Mode = JSRuntimeMode.Loose;
        Js = new ModulesGoneWithTheirTab(Page.JSInterop.JSRuntime);
        services.AddSingleton<IJSRuntime>(Js);
        using var scope = Page.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DocumentsDbContext>().Database.EnsureCreated();
    }

    /// <summary>No exception reached the renderer unhandled: one that does ends a Blazor Server circuit.</summary>
    internal void AssertNothingUnhandled()
    {
        if (Page.Renderer.UnhandledException.IsCompleted)
        {
            Assert.Fail($"An exception would end the circuit: {Page.Renderer.UnhandledException.Result}");
        }
    }

    /// <summary>Runs <paramref name="work"/> on the module's services as the signed-in user, its saves not held.</summary>
    internal async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Page.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A Markdown document of the workspace with one version whose text is <paramref name="text"/>.</summary>
    internal Task<DocumentDetailsDto> AddDocumentAsync(string text, string name = "findings.md") => WithAsync(async services =>
    {
        var db = services.GetRequiredService<DocumentsDbContext>();
        var document = new Document(WorkspaceId, null, name, DocumentFileType.Markdown) { CreatedBy = Colleague.UserId };
        var version = document.AddVersion(new VersionContent($"blobs/{Guid.NewGuid():N}", name, text.Length, new string('0', 64), "text/markdown"), Colleague.UserId, DateTime.UtcNow, null);
        db.Documents.Add(document);
        db.Versions.Add(version);
        db.VersionTexts.Add(new VersionText { VersionId = version.Id, Text = text, ExtractedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return await services.GetRequiredService<DocumentLibrary>().GetDocumentAsync(document.Id, default);
    });

    public async ValueTask DisposeAsync()
    {
        await Page.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The workspace: the signed-in Editor and a Reviewer, each allowed what their role allows (here: everything asked).</summary>
    private sealed class OneWorkspace : IWorkspaceAccess
    {
        private static readonly IReadOnlyList<WorkspaceMemberDto> Members = [Me, Colleague];

        public bool Left { get; set; }

        public Task<WorkspaceRole?> GetRoleAsync(Guid workspaceId, Guid userId, CancellationToken cancellationToken = default)
            => Task.FromResult(workspaceId == WorkspaceId ? Members.FirstOrDefault(m => m.UserId == userId && !(Left && m == Me))?.Role : null);

        public Task<bool> CanAsync(Guid workspaceId, Guid userId, WorkspaceAction action, CancellationToken cancellationToken = default)
            => Task.FromResult(workspaceId == WorkspaceId && Members.Any(m => m.UserId == userId && !(Left && m == Me)));

        public Task<IReadOnlyList<WorkspaceMemberDto>> GetMembersAsync(Guid workspaceId, WorkspaceRole minimumRole = WorkspaceRole.Viewer, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<WorkspaceMemberDto>>(workspaceId == WorkspaceId ? Members.Where(m => m.Role >= minimumRole).ToList() : []);

        public Task<string?> GetNameAsync(Guid workspaceId, CancellationToken cancellationToken = default)
            => Task.FromResult<string?>(workspaceId == WorkspaceId ? "Dialogue for the North" : null);

        public Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<Guid>>([WorkspaceId]);
    }

    /// <summary>What the module tells the rest of the portal: nobody listens in these tests.</summary>
    private sealed class Nowhere : IAuditLog, IIntegrationEventPublisher, ILiveChanges, ILiveChangeFeed, INotificationSender, IAsyncDisposable
    {
        public Task<IAsyncDisposable> WatchAsync(string topic, Guid subjectId, Func<string, Task> changed) => Task.FromResult<IAsyncDisposable>(this);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Publish(IIntegrationEvent integrationEvent) { }

        public Task PublishAsync(string topic, Guid subjectId, string change) => Task.CompletedTask;

        public void Send(NotificationRequest request) { }
    }

    /// <summary>The people's directory: nobody in it belongs to a partner.</summary>
    private sealed class NoDirectory : IUserDirectory
    {
        public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default) => Task.FromResult<PortalUserDto?>(null);

        public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default) => Task.FromResult<PortalUserDto?>(null);

        public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default) => Nobody();

        public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default) => Nobody();

        public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default) => Nobody();

        public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default) => Nobody();

        public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([]);

        private static Task<IReadOnlyList<PortalUserDto>> Nobody() => Task.FromResult<IReadOnlyList<PortalUserDto>>([]);
    }

    /// <summary>No file is stored or read: the versions' texts are in the database, and a test that needs a file fails loudly.</summary>
    private sealed class NoFiles : IBlobStore
    {
        private static Exception Unexpected() => new InvalidOperationException("These component tests read and store no file.");

        public Task<BlobProperties> PutAsync(string container, string name, Stream content, BlobPutOptions? options = null, CancellationToken cancellationToken = default) => throw Unexpected();

        public Task<BlobDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unexpected();

        public Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unexpected();

        public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unexpected();

        public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unexpected();

        public IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) => throw Unexpected();

        public Task CheckAvailabilityAsync(CancellationToken cancellationToken = default) => throw Unexpected();
    }
}
