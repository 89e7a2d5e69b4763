using System.IO.Compression;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Platform.Web;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Training.Application;

/// <summary>
/// Collections (curricula): ordered materials for a programme. A material the reader cannot see is refused when the
/// collection is saved; a collection is public only while every material in it is, and adding a consortium-only
/// material to a public collection is refused rather than hiding the collection.
/// </summary>
internal sealed class TrainingCollections(
    TrainingDbContext db,
    ICurrentUser user,
    IPermissionChecker permissions,
    TrainingMaterials materials,
    IValidator<CreateCollectionRequest> createRules,
    IValidator<UpdateCollectionRequest> updateRules,
    IValidator<SetCollectionPublicRequest> publicRules,
    IStringLocalizer<TrainingResource> text)
{
    public async Task<IReadOnlyList<CollectionSummaryDto>> ListAsync(CancellationToken cancellationToken = default)
        => (await db.Collections.AsNoTracking().OrderBy(c => c.Title).ToListAsync(cancellationToken))
            .Select(c => new CollectionSummaryDto(c.Id, c.Title, c.IsPublic, c.MaterialIds.Count)).ToList();

    public async Task<CollectionDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(TrainingCollection), id);
        return await ToDtoAsync(collection, cancellationToken);
    }

    public async Task<CollectionDto> CreateAsync(CreateCollectionRequest request, CancellationToken cancellationToken = default)
    {
        await createRules.EnsureValidAsync(request, cancellationToken);
        var ids = request.MaterialIds ?? [];
        await EnsureVisibleAsync(ids, mustBePublic: false, cancellationToken);
        var collection = TrainingCollection.Create(request.Title!.Trim(), Clean(request.Description), ids);
        db.Collections.Add(collection);
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(collection, cancellationToken);
    }

    /// <summary>Its text and its materials in order: a reorder (by drag or by the keyboard's buttons) sends the new order.</summary>
    public async Task<CollectionDto> UpdateAsync(Guid id, UpdateCollectionRequest request, CancellationToken cancellationToken = default)
    {
        await updateRules.EnsureValidAsync(request, cancellationToken);
        var collection = await FindEditableAsync(id, cancellationToken);
        var ids = request.MaterialIds ?? [];
        await EnsureVisibleAsync(ids, mustBePublic: collection.IsPublic, cancellationToken);
        db.ExpectConcurrencyStamp(collection, request.ConcurrencyStamp!.Value);
        collection.Edit(request.Title!.Trim(), Clean(request.Description), ids);
        await SaveAsync(collection, cancellationToken);
        return await ToDtoAsync(collection, cancellationToken);
    }

    public async Task<CollectionDto> SetPublicAsync(Guid id, SetCollectionPublicRequest request, CancellationToken cancellationToken = default)
    {
        await publicRules.EnsureValidAsync(request, cancellationToken);
        var collection = await FindEditableAsync(id, cancellationToken);
        db.ExpectConcurrencyStamp(collection, request.ConcurrencyStamp!.Value);
        var publicCount = await db.Materials.CountAsync(m => collection.MaterialIds.Contains(m.Id) && m.Visibility == MaterialVisibility.Public, cancellationToken);
        collection.SetPublic(request.IsPublic, collection.MaterialIds.Count > 0 && publicCount == collection.MaterialIds.Count);
        await SaveAsync(collection, cancellationToken);
        return await ToDtoAsync(collection, cancellationToken);
    }

    /// <summary>The collection's files as one zip, in order ("01 title.pdf"); links go into a text file of their own.</summary>
    public async Task<(string Name, Func<Stream, CancellationToken, Task> Write)> ZipAsync(Guid id, bool publicOnly, CancellationToken cancellationToken = default)
    {
        var collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(TrainingCollection), id);
        var items = await OrderedMaterialsAsync(collection, cancellationToken);
        if (publicOnly && (!collection.IsPublic || items.Any(m => !m.IsPublic)))
        {
            throw new EntityNotFoundException(nameof(TrainingCollection), id);
        }
        return (collection.Slug + ".zip", (output, ct) => WriteZipAsync(items, output, ct));
    }

    /// <summary>
    /// Streams the archive to the response as it is made. The archive writes some records synchronously, which the
    /// server refuses; <see cref="ResponseZipStream"/> holds those bytes until the next asynchronous write.
    /// </summary>
    internal async Task WriteZipAsync(IReadOnlyList<TrainingMaterial> items, Stream output, CancellationToken cancellationToken)
    {
        var body = new ResponseZipStream(output);
        var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            var links = new List<string>();
            for (var i = 0; i < items.Count; i++)
            {
                var m = items[i];
                var prefix = (i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                if (m.Url is { } url)
                {
                    links.Add($"{prefix} {m.Title}: {url}");
                    continue;
                }
                await using var content = await materials.OpenCountedAsync(m, cancellationToken);
                if (content is null)
                {
                    continue;
                }
                var entry = zip.CreateEntry($"{prefix} {content.DownloadName}", CompressionLevel.Fastest);
                await using (var target = await entry.OpenAsync(cancellationToken))
                {
                    int read;
                    while ((read = await content.Content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        await body.SendPendingAsync(cancellationToken);
                    }
                }
                await body.FlushAsync(cancellationToken);
            }
            if (links.Count > 0)
            {
                var entry = zip.CreateEntry("links.txt", CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await target.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', links) + "\n"), cancellationToken);
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

    internal async Task<List<TrainingMaterial>> OrderedMaterialsAsync(TrainingCollection collection, CancellationToken cancellationToken)
    {
        var found = await db.Materials.AsNoTracking().Where(m => collection.MaterialIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return collection.MaterialIds.Where(found.ContainsKey).Select(i => found[i]).ToList();
    }

    /// <summary>Every material must be one the reader may see (in the consortium: one that exists), and public for a public collection.</summary>
    private async Task EnsureVisibleAsync(IReadOnlyList<Guid> ids, bool mustBePublic, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var found = await db.Materials.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Visibility }).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
        {
            throw RequestValidationException.For("materialIds", text["Validation.CollectionMaterialUnknown"]);
        }
        if (mustBePublic && found.Any(m => m.Visibility != MaterialVisibility.Public))
        {
            throw new DomainRuleException("Collection.NotAllPublic", typeof(TrainingResource));
        }
    }

    private async Task<TrainingCollection> FindEditableAsync(Guid id, CancellationToken cancellationToken)
    {
        var collection = await db.Collections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(TrainingCollection), id);
        if (!await CanEditAsync(collection))
        {
            throw new ForbiddenException("Only the collection's author changes it.");
        }
        return collection;
    }

    private async Task<bool> CanEditAsync(TrainingCollection c)
        => user.Id is { } userId && (c.CreatedBy == userId || await permissions.IsGrantedAsync(user.Principal, TrainingPermissions.Materials.Manage));

    private async Task SaveAsync(TrainingCollection collection, CancellationToken cancellationToken)
    {
        await db.SaveOrConflictAsync(nameof(TrainingCollection), collection.Id, async ct =>
            await ToDtoAsync(await db.Collections.AsNoTracking().SingleAsync(c => c.Id == collection.Id, ct), ct), cancellationToken);
    }

    private static string? Clean(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private async Task<CollectionDto> ToDtoAsync(TrainingCollection c, CancellationToken cancellationToken)
    {
        var items = (await OrderedMaterialsAsync(c, cancellationToken))
            .Select(m => new CollectionItemDto(m.Id, m.Title, m.Language, m.Kind, m.Visibility)).ToList();
        return new CollectionDto(c.Id, c.Slug, c.Title, c.Description, c.IsPublic, items, await CanEditAsync(c), c.ConcurrencyStamp);
    }
}
