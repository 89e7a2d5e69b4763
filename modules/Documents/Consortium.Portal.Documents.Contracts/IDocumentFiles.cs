namespace Consortium.Portal.Documents;

/// <summary>
/// What another module may read of a document it points at (Publications' manuscripts and final files): the document
/// with its versions, a version's text through the module's own text extraction, and a version's content. It checks no
/// access: the calling module has decided already that the reader may see the document (a workspace member, or the
/// public once it published the file).
/// </summary>
public interface IDocumentFiles
{
    /// <summary>The workspace's documents outside the recycle bin, by name, for choosing one (a manuscript, a final file).</summary>
    Task<IReadOnlyList<DocumentFileSummaryDto>> ListAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>The document and its versions, newest first; null when it does not exist or is in the recycle bin.</summary>
    Task<DocumentFileDto?> FindAsync(Guid documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The text of a version as the Documents module extracts it (.docx, .odt, .pdf, .md, .txt). A version whose text is
    /// still waiting for the background job is extracted now. Null when the type has no text or extraction failed.
    /// </summary>
    Task<string?> ReadTextAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default);

    /// <summary>The version's content to stream; null when the document or version does not exist. The caller disposes it.</summary>
    Task<DocumentFileContent?> OpenAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default);
}

public sealed record DocumentFileDto(Guid Id, Guid WorkspaceId, string Name, DocumentFileType FileType, int LatestVersionNumber,
    IReadOnlyList<DocumentFileVersionDto> Versions);

public sealed record DocumentFileSummaryDto(Guid Id, string Name, DocumentFileType FileType, int LatestVersionNumber);

public sealed record DocumentFileVersionDto(int Number, string FileName, long Size, string Sha256, string ContentType, DateTime CreatedAtUtc, VersionTextState TextState);

/// <summary>A version's bytes with what a download needs; dispose it to close the stream.</summary>
public sealed class DocumentFileContent(DocumentFileVersionDto version, string downloadName, Stream content) : IAsyncDisposable
{
    public DocumentFileVersionDto Version { get; } = version;
    public string DownloadName { get; } = downloadName;
    public Stream Content { get; } = content;
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
