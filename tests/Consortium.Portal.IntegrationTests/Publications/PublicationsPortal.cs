using System.Collections.Concurrent;
using Consortium.Portal.Documents;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.IntegrationTests.Publications;

/// <summary>
/// The workflows' portal (people in a directory of the test's own, a clock it moves) with workspaces and documents the
/// test places: the Publications module's API on its own, through the other modules' Contracts.
/// </summary>
public abstract class PublicationsPortal<TDatabase> : WorkflowsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public FakeWorkspaces Workspaces { get; } = new();

    public FakeDocuments Documents { get; } = new();

    /// <summary>Subjects whose workflow start crashes once the instance is saved (the process dying between two steps).</summary>
    public ConcurrentDictionary<Guid, bool> CrashAfterWorkflowStart { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        var workflows = services.Last(d => d.ServiceType == typeof(IWorkflows));
        services.Remove(workflows);
        services.AddScoped<IWorkflows>(sp => new CrashingWorkflows((IWorkflows)workflows.ImplementationFactory!(sp), CrashAfterWorkflowStart));
        services.RemoveAll<IWorkspaceAccess>();
        services.AddSingleton<IWorkspaceAccess>(Workspaces);
        services.RemoveAll<IDocumentFiles>();
        services.AddSingleton<IDocumentFiles>(Documents);
    }

    /// <summary>Runs the outbox until nothing is left (the dispatcher is off in these tests): the workflow's outcome reaches the publication.</summary>
    public async Task DeliverAsync()
    {
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchPendingAsync() > 0)
        {
        }
    }
}

/// <summary>The real workflows, except that a start for a marked subject throws after it saved.</summary>
internal sealed class CrashingWorkflows(IWorkflows inner, ConcurrentDictionary<Guid, bool> crashFor) : IWorkflows
{
    public async Task<WorkflowInstanceDto> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        var started = await inner.StartAsync(request, cancellationToken);
        return crashFor.ContainsKey(request.SubjectId) ? throw new InvalidOperationException("The process died after the workflow's start.") : started;
    }

    public Task<WorkflowInstanceDto> ResubmitAsync(string subjectType, Guid subjectId, string? comment = null, CancellationToken cancellationToken = default)
        => inner.ResubmitAsync(subjectType, subjectId, comment, cancellationToken);

    public Task<IReadOnlyList<WorkflowDefinitionSummaryDto>> ListDefinitionsAsync(string? subjectType = null, CancellationToken cancellationToken = default)
        => inner.ListDefinitionsAsync(subjectType, cancellationToken);

    public Task<WorkflowInstanceDto?> FindForSubjectAsync(string subjectType, Guid subjectId, CancellationToken cancellationToken = default)
        => inner.FindForSubjectAsync(subjectType, subjectId, cancellationToken);
}

public sealed class PublicationsSqlitePortal : PublicationsPortal<SqlitePortal>;

public sealed class PublicationsPostgreSqlPortal : PublicationsPortal<PostgreSqlPortal>;

/// <summary>Documents of text, each version's text being what the Documents module would extract.</summary>
public sealed class FakeDocuments : IDocumentFiles
{
    private readonly ConcurrentDictionary<Guid, (Guid Workspace, string Name, List<string> Texts)> _documents = new();

    public Guid Add(Guid workspaceId, string name, params string[] versionTexts)
    {
        var id = Guid.NewGuid();
        _documents[id] = (workspaceId, name, versionTexts.ToList());
        return id;
    }

    /// <summary>A new version of a document placed before; its number.</summary>
    public int AddVersion(Guid documentId, string text)
    {
        var texts = _documents[documentId].Texts;
        lock (texts)
        {
            texts.Add(text);
            return texts.Count;
        }
    }

    public Task<IReadOnlyList<DocumentFileSummaryDto>> ListAsync(Guid workspaceId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<DocumentFileSummaryDto>>(_documents.Where(d => d.Value.Workspace == workspaceId)
            .Select(d => new DocumentFileSummaryDto(d.Key, d.Value.Name, DocumentFileType.Markdown, d.Value.Texts.Count)).OrderBy(d => d.Name).ToList());

    public Task<DocumentFileDto?> FindAsync(Guid documentId, CancellationToken cancellationToken = default)
        => Task.FromResult(_documents.TryGetValue(documentId, out var d)
            ? new DocumentFileDto(documentId, d.Workspace, d.Name, DocumentFileType.Markdown, d.Texts.Count,
                d.Texts.Select((t, i) => Version(d.Name, i + 1, t)).Reverse().ToList())
            : null);

    public Task<string?> ReadTextAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default)
        => Task.FromResult(_documents.TryGetValue(documentId, out var d) && versionNumber <= d.Texts.Count ? d.Texts[versionNumber - 1] : null);

    public Task<DocumentFileContent?> OpenAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default)
        => Task.FromResult(_documents.TryGetValue(documentId, out var d) && versionNumber >= 1 && versionNumber <= d.Texts.Count
            ? new DocumentFileContent(Version(d.Name, versionNumber, d.Texts[versionNumber - 1]), d.Name, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(d.Texts[versionNumber - 1])))
            : null);

    private static DocumentFileVersionDto Version(string name, int number, string text)
        => new(number, name, System.Text.Encoding.UTF8.GetByteCount(text), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            "text/markdown; charset=utf-8", DateTime.UtcNow, VersionTextState.Extracted);
}
