using System.IO.Compression;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Web;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Documents.Application;

/// <summary>Versions and folders as downloads, streamed from blob storage to the response.</summary>
internal sealed class DocumentDownloads(DocumentsDbContext db, DocumentLibrary library, DocumentAccess access, IWorkspaceAccess workspaces, IBlobStore blobs)
{
    /// <summary>
    /// A version's content with its name (RFC 6266, <c>filename*</c> for any script), an ETag of its hash and range
    /// support. Images and PDF may be asked for inline, which the browser shows in its own viewer; everything else is
    /// always an attachment.
    /// </summary>
    public async Task<IResult> VersionAsync(Guid documentId, int? number, bool inline, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var version = await db.Versions.AsNoTracking()
            .Where(v => v.DocumentId == documentId && v.Number == (number ?? document.LatestVersionNumber))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{number}");
        var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken)
            ?? throw new BlobStorageException($"The content of version {version.Id} is missing from blob storage.");

        var type = DocumentFileTypes.Get(document.FileType);
        var showInline = inline && type.ShownInline;
        var disposition = new ContentDispositionHeaderValue(showInline ? "inline" : "attachment");
        disposition.SetHttpFileName(DownloadName(document, version));
        var headers = httpContext.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.CacheControl = "private, no-cache";
        if (showInline && document.FileType == DocumentFileType.Pdf)
        {
            // A PDF is shown in the preview's frame, by the browser's own viewer. Chromium refuses to run that viewer in a
            // sandboxed document (it counts as a plugin, and no sandbox flag lets it run), so a PDF gets no sandbox: it is
            // served as application/pdf with nosniff after the upload's content check found a PDF, so the browser never
            // reads it as a page of the portal, and its viewer runs a PDF's scripts apart from the portal's origin.
            // Only the portal's own pages may frame it.
            httpContext.Items[Platform.Web.SecurityHeaders.EndpointPolicyItem] = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";
            httpContext.Items[Platform.Web.SecurityHeaders.SameOriginFramingItem] = true;
        }
        else if (showInline)
        {
            // What the browser shows inline runs in a sandbox with nothing of the portal's origin.
            httpContext.Items[Platform.Web.SecurityHeaders.EndpointPolicyItem] = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'";
        }
        var content = download.Content.CanSeek ? download.Content : new ForwardSeekingStream(download.Content, version.Size);
        return TypedResults.Stream(
            content,
            type.ContentType,
            fileDownloadName: null,
            lastModified: new DateTimeOffset(version.CreatedAtUtc),
            entityTag: new EntityTagHeaderValue($"\"{version.Sha256}\""),
            enableRangeProcessing: true);
    }

    /// <summary>
    /// A folder with everything under it (or the whole workspace) as a .zip written straight into the response: each
    /// document's latest version is copied from storage into its entry, and nothing of the archive is kept on the server.
    /// </summary>
    public async Task WriteFolderZipAsync(Guid workspaceId, Guid? folderId, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.View, "Workspace", workspaceId, cancellationToken);
        var folders = await db.Folders.AsNoTracking().Where(f => f.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        var root = folderId is { } id ? folders.FirstOrDefault(f => f.Id == id) ?? throw new EntityNotFoundException(nameof(Folder), id) : null;

        var byId = folders.ToDictionary(f => f.Id);
        var paths = new Dictionary<Guid, string?>();
        // The path inside the archive of what lies in a folder: "" for the root asked for, null for what lies outside it.
        string? PathOf(Guid? id, int depth = 0)
        {
            if (id is null)
            {
                return root is null ? "" : null;
            }
            if (id == root?.Id)
            {
                return "";
            }
            if (paths.TryGetValue(id.Value, out var known))
            {
                return known;
            }
            var path = depth < 64 && byId.TryGetValue(id.Value, out var folder) && PathOf(folder.ParentId, depth + 1) is { } parent
                ? parent + ZipSafe(folder.Name) + "/"
                : null;
            paths[id.Value] = path;
            return path;
        }

        var documents = await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspaceId).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var latestIds = documents.Select(d => d.LatestVersionId).OfType<Guid>().ToList();
        var versions = await db.Versions.AsNoTracking().Where(v => latestIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);

        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        httpContext.Response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        // Named after what it holds: the folder, or the workspace.
        var archiveName = root?.Name ?? await workspaces.GetNameAsync(workspaceId, cancellationToken) ?? "documents";
        disposition.SetHttpFileName(ZipSafe(archiveName) + ".zip");
        httpContext.Response.Headers.ContentDisposition = disposition.ToString();

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var body = new ResponseZipStream(httpContext.Response.Body);
        var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            foreach (var document in documents)
            {
                var folderPath = PathOf(document.FolderId);
                if (folderPath is null || document.LatestVersionId is not { } latest || !versions.TryGetValue(latest, out var version))
                {
                    continue;
                }
                var entryName = Unique(used, folderPath + ZipSafe(document.Name));
                var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken);
                if (download is null)
                {
                    continue;
                }
                await using (download)
                {
                    // Images and packages are compressed already; deflating them again costs time and saves nothing.
                    var level = document.FileType is DocumentFileType.Markdown or DocumentFileType.Text or DocumentFileType.Pdf
                        ? CompressionLevel.Fastest
                        : CompressionLevel.NoCompression;
                    var entry = zip.CreateEntry(entryName, level);
                    entry.LastWriteTime = new DateTimeOffset(version.CreatedAtUtc);
                    await using var target = await entry.OpenAsync(cancellationToken);
                    int read;
                    while ((read = await download.Content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        await body.SendPendingAsync(cancellationToken);
                    }
                }
                await body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        // The central directory, at the end.
        await zip.DisposeAsync();
        await body.FlushAsync(cancellationToken);
    }

    private static string DownloadName(Document document, DocumentVersion version)
    {
        if (version.Number == document.LatestVersionNumber)
        {
            return document.Name;
        }
        var extension = Path.GetExtension(document.Name);
        return $"{document.Name[..^extension.Length]} (v{version.Number}){extension}";
    }

    private static string ZipSafe(string name) => name.Replace('/', '_').Replace('\\', '_');

    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        var extension = Path.GetExtension(name);
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name[..^extension.Length]} ({n}){extension}";
        }
        return candidate;
    }
}
