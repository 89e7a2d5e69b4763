using Microsoft.Extensions.Options;

namespace Consortium.Portal.Documents.Application;

/// <summary>The Contracts' <see cref="IDocumentUploadLimits"/>: the same limit and refusal as a raw-body upload's.</summary>
internal sealed class DocumentUploadLimits(IOptions<DocumentsOptions> options) : IDocumentUploadLimits
{
    public void EnsureAnnouncedLengthAllowed(long? contentLength)
    {
        if (contentLength > options.Value.MaxUploadBytes)
        {
            throw new UploadRefusedException(UploadRefusals.TooLarge, FileContentCheck.FormatSize(options.Value.MaxUploadBytes));
        }
    }
}
