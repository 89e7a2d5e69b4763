using System.Text;
using Consortium.Portal.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Publications;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Tests;
using Consortium.Portal.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.IntegrationTests.Training;

/// <summary>
/// The Training module's API on its own: people in the workflows' directory, workspaces and text documents the test
/// places, and a document store that keeps each uploaded file's text as a version (the Documents module's own path is
/// tested by <c>DocumentStorageTests</c>).
/// </summary>
public abstract class TrainingPortal<TDatabase> : PublicationsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    /// <summary>Holds the module's saves while a page test does what a person can do meanwhile.</summary>
    internal HeldSaves Saves { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.ConfigureDbContext<TrainingDbContext>(options => options.AddInterceptors(Saves));
        services.RemoveAll<IDocumentStorage>();
        services.AddSingleton<IDocumentStorage>(new TextDocumentStorage(Documents));
    }

    private sealed class TextDocumentStorage(FakeDocuments documents) : IDocumentStorage
    {
        public async Task<StoredDocumentDto> StoreAsync(Guid workspaceId, string fileName, Stream content, CancellationToken cancellationToken = default)
        {
            var text = await ReadAsync(fileName, content, cancellationToken);
            return new StoredDocumentDto(documents.Add(workspaceId, fileName, text), workspaceId, fileName, 1, IsNewDocument: true);
        }

        public async Task<StoredDocumentDto> StoreVersionAsync(Guid documentId, string fileName, Stream content, string? note = null, CancellationToken cancellationToken = default)
        {
            var text = await ReadAsync(fileName, content, cancellationToken);
            var found = await documents.FindAsync(documentId, cancellationToken) ?? throw new EntityNotFoundException("Document", documentId);
            return new StoredDocumentDto(documentId, found.WorkspaceId, found.Name, documents.AddVersion(documentId, text), IsNewDocument: false);
        }

        // Training stores as the signed-in author; the background path is Meetings' (tested in DocumentStorageTests).
        public Task<StoredDocumentDto> StoreForUserAsync(Guid userId, Guid workspaceId, string? folderName, string fileName, Stream content, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        /// <summary>Like the Documents module, a name it does not take is refused as a rule of its own.</summary>
        private static async Task<string> ReadAsync(string fileName, Stream content, CancellationToken cancellationToken)
        {
            if (!fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                throw RequestValidationException.For("file", $"{fileName}: only .md here");
            }
            using var reader = new StreamReader(content, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
    }
}

public sealed class TrainingSqlitePortal : TrainingPortal<SqlitePortal>;

public sealed class TrainingPostgreSqlPortal : TrainingPortal<PostgreSqlPortal>;
