using Consortium.Portal.Platform.Text;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Caching;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>Previews of versions and comparisons of two versions' texts.</summary>
internal sealed class DocumentViews(DocumentsDbContext db, DocumentLibrary library, VersionTexts texts, MarkdownRendering markdown, IBlobStore blobs, PortalCache cache)
{
    /// <summary>A .docx larger than this is previewed as its text only: converting it on each view would cost too much.</summary>
    public const long MaxHtmlPreviewBytes = 20L * 1024 * 1024;

    /// <summary>How long a version's HTML is kept: a version never changes, and reviewers open the same one again and again.</summary>
    private static readonly TimeSpan HtmlLifetime = TimeSpan.FromMinutes(10);

    private readonly record struct PreviewHtmlKey(Guid VersionId);

    public async Task<VersionPreviewDto> PreviewAsync(Guid documentId, int number, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var version = await FindVersionAsync(documentId, number, cancellationToken);
        var text = DocumentFileTypes.Get(document.FileType).HasText ? await texts.GetAsync(version, document.FileType, cancellationToken) : null;
        var url = DocumentsApi.Content(documentId, number, inline: true);
        return document.FileType switch
        {
            DocumentFileType.Markdown => new VersionPreviewDto(number, "markdown", markdown.ToHtml(text ?? ""), text, null, version.TextState),
            DocumentFileType.Text => new VersionPreviewDto(number, "text", null, text, null, version.TextState),
            DocumentFileType.Png or DocumentFileType.Jpeg => new VersionPreviewDto(number, "image", null, null, url, version.TextState),
            DocumentFileType.Pdf => new VersionPreviewDto(number, "pdf", null, text, url, version.TextState),
            DocumentFileType.Docx or DocumentFileType.Odt when text is not null && await DocumentHtmlAsync(version, document.FileType, text, cancellationToken) is { } html
                => new VersionPreviewDto(number, "document", html, text, null, version.TextState),
            DocumentFileType.Docx or DocumentFileType.Odt => new VersionPreviewDto(number, "extracted", null, text, null, version.TextState),
            _ => new VersionPreviewDto(number, "none", null, null, null, version.TextState),
        };
    }

    public async Task<VersionComparisonDto> CompareAsync(Guid documentId, int from, int to, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        if (!DocumentFileTypes.Get(document.FileType).HasText)
        {
            throw new DomainRuleException("Compare:NoText", typeof(DocumentsResource), DocumentFileTypes.Get(document.FileType).Extensions[0]);
        }
        var older = await FindVersionAsync(documentId, from, cancellationToken);
        var newer = await FindVersionAsync(documentId, to, cancellationToken);
        var oldText = await texts.GetAsync(older, document.FileType, cancellationToken);
        var newText = await texts.GetAsync(newer, document.FileType, cancellationToken);
        if (oldText is null || newText is null)
        {
            var failed = older.TextState == VersionTextState.Failed || newer.TextState == VersionTextState.Failed;
            throw new DomainRuleException(failed ? "Compare:TextFailed" : "Compare:TextNotReady", typeof(DocumentsResource));
        }
        return VersionDiff.Compare(from, oldText, to, newText);
    }

    /// <summary>
    /// The version's .docx or .odt as HTML (<see cref="DocumentHtmlConversion"/>); null when it is too large or cannot be
    /// read. An .odt's HTML is shown only when its text is the stored text: a version whose text was extracted before the
    /// .odt preview existed (comments and notes were read in place then) keeps its text preview, so its anchors still hold.
    /// </summary>
    private async Task<string?> DocumentHtmlAsync(DocumentVersion version, DocumentFileType type, string text, CancellationToken cancellationToken)
    {
        if (version.Size > MaxHtmlPreviewBytes)
        {
            return null;
        }
        return await cache.GetOrReadAsync(new PreviewHtmlKey(version.Id), "documents:preview", HtmlLifetime, async (_, ct) =>
        {
            await using var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, ct)
                ?? throw new BlobStorageException($"The content of version {version.Id} is missing.");
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy, ct);
            copy.Position = 0;
            try
            {
                return type == DocumentFileType.Odt
                    ? DocumentHtmlConversion.FromOdt(copy) is { } odt && odt.Text == text ? odt.Html : null
                    : DocumentHtmlConversion.FromDocx(copy)?.Html;
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
            {
                // The text was extracted, so the package opens; anything else it holds that the converter cannot read shows the text.
                return null;
            }
        }, cancellationToken);
    }

    private async Task<DocumentVersion> FindVersionAsync(Guid documentId, int number, CancellationToken cancellationToken)
        => await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, cancellationToken)
           ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{number}");
}
