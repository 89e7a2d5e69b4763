using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Documents.Api;

/// <summary>
/// The body of an upload request, streamed into blob storage section by section (never buffered whole) and checked on
/// the way (<see cref="FileContentCheck"/>); <see cref="DocumentVersionRecorder"/> makes versions of what it staged.
/// </summary>
internal sealed class UploadRequestBody(IBlobStore blobs, TimeProvider clock, IOptions<DocumentsOptions> options, ILogger<UploadRequestBody> logger)
{
    private const string NoteField = "note";
    private const int MultipartBufferSize = 64 * 1024;

    /// <summary>What a one-file form may carry beside the file: boundaries, part headers, a note.</summary>
    private const long MultipartOverheadAllowance = 64 * 1024;

    /// <summary>
    /// Reads the files of a request. A multipart/form-data body is read section by section, each file streaming into a
    /// blob of its own as it arrives (and a field called "note" taken as the note). Any other body is one file's bytes,
    /// named by the request's Content-Disposition header, with the note in the query: the simplest request a script
    /// can send, and the cheapest to receive, as nothing has to be searched for part boundaries.
    /// </summary>
    public async Task<StagedUpload> ReceiveAsync(
        HttpRequest request, bool singleFile, DocumentFileType? expectedType, CancellationToken cancellationToken)
    {
        var isMultipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
                          && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        // A body that says it is larger than it may be is refused before a byte of it is read: a raw body is the file; a
        // form for one file may add its part headers and boundaries to the file's limit; a form of several files may
        // carry up to the request's limit in all.
        var perFile = options.Value.MaxUploadBytes;
        var total = options.Value.MaxUploadRequestBytes;
        if (request.ContentLength is { } length)
        {
            if (!isMultipart ? length > perFile : singleFile && length > perFile + MultipartOverheadAllowance)
            {
                throw new UploadRefusedException(UploadRefusals.TooLarge, FileContentCheck.FormatSize(perFile));
            }
            if (isMultipart && length > total + MultipartOverheadAllowance)
            {
                throw new UploadRefusedException(UploadRefusals.TotalTooLarge, FileContentCheck.FormatSize(total));
            }
        }
        // The server's own limit (30 MB) would cut a large file short; each file's is checked while it streams. A form of
        // several files keeps a limit for the whole, so a body that does not announce its length stops there (a 400).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = isMultipart && !singleFile ? total + MultipartOverheadAllowance : null;
        }
        if (!isMultipart)
        {
            return await ReceiveBodyAsync(request, expectedType, cancellationToken);
        }
        if (HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new UploadRefusedException(UploadRefusals.NoBoundary);
        }

        // MultipartReader's default 4 KB buffer would hand a 1 GB file over in a quarter of a million small reads.
        var reader = new MultipartReader(boundary, request.Body, MultipartBufferSize);
        var staged = new List<StagedFile>();
        string? note = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                if (disposition.IsFileDisposition())
                {
                    if (singleFile && staged.Count == 1)
                    {
                        throw new UploadRefusedException(UploadRefusals.OneFileOnly);
                    }
                    var rawName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    staged.Add(await StageAsync(rawName, section.Body, expectedType, cancellationToken));
                }
                else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value == NoteField)
                {
                    note = StagedBlobs.CleanNote(await ReadFieldAsync(section.Body, DocumentConsts.MaxNoteLength, cancellationToken));
                }
            }
            if (staged.Count == 0)
            {
                throw new UploadRefusedException(UploadRefusals.NoFile);
            }
            return new StagedUpload(staged, note);
        }
        catch (Exception e) when (CheckedUploadStream.IsBrokenBody(e, cancellationToken))
        {
            await StagedBlobs.DeleteQuietlyAsync(blobs, logger, staged.Select(s => s.Blob.Name));
            throw new UploadRefusedException(UploadRefusals.BodyIncomplete);
        }
        catch
        {
            await StagedBlobs.DeleteQuietlyAsync(blobs, logger, staged.Select(s => s.Blob.Name));
            throw;
        }
    }

    /// <summary>The whole body is the file; see <see cref="ReceiveAsync"/>.</summary>
    private async Task<StagedUpload> ReceiveBodyAsync(
        HttpRequest request, DocumentFileType? expectedType, CancellationToken cancellationToken)
    {
        string? rawName = null;
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            rawName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }
        // Required for a new version too: a header is something a cross-site HTML form cannot send.
        if (rawName is null)
        {
            throw new UploadRefusedException(UploadRefusals.NameMissing);
        }
        // Checked before the body is read: a refused note must not cost the upload of the file.
        var note = StagedBlobs.CleanNote(request.Query[NoteField].ToString());
        var file = await StageAsync(rawName, request.Body, expectedType, cancellationToken);
        return new StagedUpload([file], note);
    }

    /// <summary>One named file from any stream (an upload's body, or another module's file through <see cref="IDocumentStorage"/>), checked as it is stored.</summary>
    public async Task<StagedFile> StageAsync(string? rawName, Stream content, DocumentFileType? expectedType, CancellationToken cancellationToken)
    {
        var name = FileNames.Clean(rawName) ?? throw new UploadRefusedException(UploadRefusals.NameInvalid);
        if (!DocumentFileTypes.TryFromFileName(name, out var type))
        {
            throw new UploadRefusedException(UploadRefusals.TypeNotAllowed, name, DocumentFileTypes.AllowedExtensions);
        }
        if (expectedType is { } expected && expected != type.Type)
        {
            throw new UploadRefusedException(UploadRefusals.TypeDiffers, name, DocumentFileTypes.Get(expected).Extensions[0]);
        }
        var blobName = BlobName.New(clock.GetUtcNow());
        var check = new FileContentCheck(type, options.Value.MaxUploadBytes);
        try
        {
            var blob = await blobs.PutAsync(DocumentsOptions.BlobContainer, blobName, new CheckedUploadStream(content, check),
                new BlobPutOptions { ContentType = type.ContentType, Condition = BlobWriteCondition.CreateOnly }, cancellationToken);
            return new StagedFile(name, type, blob);
        }
        catch (UploadRefusedException)
        {
            // The store publishes nothing when the stream fails; this covers a provider that kept a partial blob.
            await StagedBlobs.DeleteQuietlyAsync(blobs, logger, [blobName]);
            throw;
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, int maxLength, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[maxLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > maxLength)
        {
            throw new UploadRefusedException("Upload:NoteTooLong", maxLength);
        }
        return new string(buffer, 0, read);
    }
}
