using Consortium.Portal.Platform.Text;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>Previews of versions and comparisons of two versions' texts.</summary>
internal sealed class DocumentViews(DocumentsDbContext db, DocumentLibrary library, VersionTexts texts, MarkdownRendering markdown)
{
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

    private async Task<DocumentVersion> FindVersionAsync(Guid documentId, int number, CancellationToken cancellationToken)
        => await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, cancellationToken)
           ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{number}");
}
