namespace Consortium.Portal.Documents;

/// <summary>
/// Stores a file another module received or wrote (a training material, a meeting's minutes as .docx) as a workspace
/// document, through the same path as an upload: the name and content checks, the size limit, blob first and metadata
/// second, text extraction, the workspace's events. The caller must be allowed to edit the workspace (the current user,
/// as for an upload); a refused file changes nothing and is a 400 problem with the Documents module's message.
/// </summary>
public interface IDocumentStorage
{
    /// <summary>A new document at the workspace's top level; a name already taken there gets this file as its next version.</summary>
    Task<StoredDocumentDto> StoreAsync(Guid workspaceId, string fileName, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// For work with nobody signed in (a background handler): stores the file on behalf of <paramref name="userId"/> in the
    /// folder <paramref name="folderName"/> at the workspace's top level (made when missing; null for the top level). The
    /// file takes the upload's path with that user's right to edit the workspace, the version is theirs, and the audit
    /// log names them with the system as the one who acted (<c>documents.stored-for-user</c>, user name "system").
    /// Inside the caller's <c>SharedTransaction</c> it saves in the caller's transaction.
    /// </summary>
    Task<StoredDocumentDto> StoreForUserAsync(Guid userId, Guid workspaceId, string? folderName, string fileName, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The next version of a document; the file's type must stay the document's.</summary>
    Task<StoredDocumentDto> StoreVersionAsync(Guid documentId, string fileName, Stream content, string? note = null, CancellationToken cancellationToken = default);
}

public sealed record StoredDocumentDto(Guid DocumentId, Guid WorkspaceId, string Name, int VersionNumber, bool IsNewDocument);
