using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Documents;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Training;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// What an event used and kept: Training materials and collections (through Training's Contracts), workspace documents
/// (through Documents' and Workspaces' Contracts) and photos (blobs, with the consent noted). Linked and removed by the
/// event's organisers; seen by everyone who sees the plan. Another module's item is pointed at by id, never copied.
/// </summary>
internal sealed class EventResources(
    ActivitiesDbContext db,
    ActivityEvents events,
    ITrainingCatalogue training,
    IDocumentFiles documents,
    IWorkspaceAccess workspaces,
    IBlobStore blobs,
    ICurrentUser user,
    TimeProvider clock,
    IOptions<ActivitiesOptions> options,
    IValidator<AddEventResourceRequest> addRules,
    IStringLocalizer<ActivitiesResource> text,
    ILiveChanges live)
{
    /// <summary>The blob container of event photos.</summary>
    public const string PhotoContainer = "activities-photos";

    /// <summary>How many materials and collections a picker shows for what was typed.</summary>
    public const int PickerSize = 20;

    /// <summary>Materials and collections whose title contains <paramref name="search"/>, for the event page's picker.</summary>
    public Task<IReadOnlyList<TrainingItemRefDto>> SearchTrainingAsync(string? search, CancellationToken cancellationToken = default)
        => training.SearchAsync(search, PickerSize, cancellationToken);

    /// <summary>The workspaces the user may see, by name, for choosing a document.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> WorkspacesAsync(CancellationToken cancellationToken = default)
    {
        var userId = user.Id ?? throw new ForbiddenException("Signed-in user required.");
        var list = new List<(Guid, string)>();
        foreach (var id in await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken))
        {
            if (await workspaces.GetNameAsync(id, cancellationToken) is { } name)
            {
                list.Add((id, name));
            }
        }
        return list.OrderBy(w => w.Item2, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The documents of a workspace the user may see, whose name contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<DocumentFileSummaryDto>> SearchDocumentsAsync(Guid workspaceId, string? search, CancellationToken cancellationToken = default)
    {
        if (user.Id is not { } userId || !await workspaces.CanAsync(workspaceId, userId, WorkspaceAction.View, cancellationToken))
        {
            return [];
        }
        var all = await documents.ListAsync(workspaceId, cancellationToken);
        return all.Where(d => string.IsNullOrWhiteSpace(search) || d.Name.Contains(search.Trim(), StringComparison.CurrentCultureIgnoreCase)).Take(PickerSize).ToList();
    }

    /// <summary>
    /// Links a material, collection or document to the event (its organisers). One the user cannot see, or that does not
    /// exist, is refused by field the same way, so a guessed id tells nothing; linking one twice answers the link there is.
    /// </summary>
    public async Task<EventResourceDto> AddAsync(Guid eventId, AddEventResourceRequest request, CancellationToken cancellationToken = default)
    {
        await addRules.EnsureValidAsync(request, cancellationToken);
        var evt = await events.FindAsync(eventId, tracked: false, cancellationToken);
        await events.EnsureOrganiserAsync(evt, cancellationToken);
        var (kind, targetId) = (request.Kind!.Value, request.TargetId!.Value);
        var (title, link) = await TargetAsync(kind, targetId, cancellationToken)
                            ?? throw RequestValidationException.For("targetId", text["Validation.ResourceNotFound"]);
        EventResource? resource = null;
        await db.SaveOnceAsync(nameof(EventResource), $"{eventId}/{kind}/{targetId}", async ct =>
        {
            resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId && r.Kind == kind && r.TargetId == targetId, ct);
            if (resource is null)
            {
                resource = new EventResource(Guid.CreateVersion7(), eventId, kind, targetId, title, link, clock.GetUtcNow().UtcDateTime);
                db.Resources.Add(resource);
                await db.SaveChangesAsync(ct);
            }
        }, cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Resources);
        return ToDto(resource!);
    }

    public async Task RemoveAsync(Guid eventId, Guid resourceId, CancellationToken cancellationToken = default)
    {
        var evt = await events.FindAsync(eventId, tracked: false, cancellationToken);
        await events.EnsureOrganiserAsync(evt, cancellationToken);
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == resourceId && r.EventId == eventId, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(EventResource), resourceId);
        db.Resources.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Resources);
    }

    /// <summary>
    /// Keeps a photo of the event (its organisers): a JPEG, PNG or WebP by its content, at most
    /// <see cref="ActivitiesOptions.MaxPhotoBytes"/>, with the consent of those shown noted. The blob is written first and
    /// the row second: a failed save leaves an orphan blob under a fresh name, never a row without its file.
    /// </summary>
    public async Task<EventPhotoDto> AddPhotoAsync(Guid eventId, string? fileName, string? consentNote, Stream content, CancellationToken cancellationToken = default)
    {
        var evt = await events.FindAsync(eventId, tracked: false, cancellationToken);
        await events.EnsureOrganiserAsync(evt, cancellationToken);
        if (string.IsNullOrWhiteSpace(consentNote) || consentNote.Trim().Length > ActivitiesConsts.MaxCommentLength)
        {
            throw RequestValidationException.For("consentNote", text["Validation.ConsentNoteRequired", ActivitiesConsts.MaxCommentLength]);
        }
        var name = Path.GetFileName((fileName ?? "").Trim());
        if (name.Length is 0 or > ActivitiesConsts.MaxTitleLength)
        {
            throw RequestValidationException.For("file", text["Validation.PhotoName"]);
        }
        // Photos are small: read whole (to the limit) so the type is judged by the content, not by the name or header.
        var limit = options.Value.MaxPhotoBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw RequestValidationException.For("file", text["Validation.PhotoTooLarge", limit / (1024 * 1024)]);
            }
            buffer.Write(chunk, 0, read);
        }
        var contentType = PhotoTypeOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
                          ?? throw RequestValidationException.For("file", text["Validation.PhotoType"]);
        buffer.Position = 0;
        var now = clock.GetUtcNow();
        var blobName = BlobName.New(now);
        await blobs.PutAsync(PhotoContainer, blobName, buffer, new BlobPutOptions { ContentType = contentType, Condition = BlobWriteCondition.CreateOnly }, cancellationToken);
        var photo = new EventPhoto(Guid.CreateVersion7(), eventId, blobName, name, contentType, buffer.Length, consentNote.Trim(), now.UtcDateTime, user.Id);
        db.Photos.Add(photo);
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Resources);
        return ToDto(photo);
    }

    /// <summary>A photo's content for whoever sees the plan; null when it is not the event's.</summary>
    public async Task<(EventPhoto Photo, BlobDownload Content)?> OpenPhotoAsync(Guid eventId, Guid photoId, CancellationToken cancellationToken = default)
    {
        var photo = await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.EventId == eventId, cancellationToken);
        if (photo is null || await blobs.OpenReadAsync(PhotoContainer, photo.BlobName, cancellationToken) is not { } download)
        {
            return null;
        }
        return (photo, download);
    }

    /// <summary>Removes a photo (its organisers): the row first, then the blob, so no page shows a photo without its file.</summary>
    public async Task RemovePhotoAsync(Guid eventId, Guid photoId, CancellationToken cancellationToken = default)
    {
        var evt = await events.FindAsync(eventId, tracked: false, cancellationToken);
        await events.EnsureOrganiserAsync(evt, cancellationToken);
        var photo = await db.Photos.SingleOrDefaultAsync(p => p.Id == photoId && p.EventId == eventId, cancellationToken)
                    ?? throw new EntityNotFoundException(nameof(EventPhoto), photoId);
        db.Photos.Remove(photo);
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Resources);
        await blobs.DeleteAsync(PhotoContainer, photo.BlobName, cancellationToken);
    }

    public static string PhotoPath(Guid eventId, Guid photoId) => $"{Api.ActivitiesPaths.Api}/events/{eventId}/photos/{photoId}";

    private async Task<(string Title, string Link)?> TargetAsync(EventResourceKind kind, Guid targetId, CancellationToken cancellationToken)
    {
        if (kind == EventResourceKind.Document)
        {
            if (await documents.FindAsync(targetId, cancellationToken) is not { } document || user.Id is not { } userId
                || !await workspaces.CanAsync(document.WorkspaceId, userId, WorkspaceAction.View, cancellationToken))
            {
                return null;
            }
            return (document.Name, DocumentLinks.Page(document.Id));
        }
        var item = await training.FindAsync(kind == EventResourceKind.TrainingCollection ? TrainingItemKind.Collection : TrainingItemKind.Material, targetId, cancellationToken);
        return item is null ? null : (item.Title, item.Link);
    }

    /// <summary>The image type by the file's first bytes: JPEG, PNG or WebP; anything else is not kept as a photo.</summary>
    internal static string? PhotoTypeOf(ReadOnlySpan<byte> head)
        => head switch
        {
            [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
            _ => null,
        };

    private static EventResourceDto ToDto(EventResource r) => new(r.Id, r.Kind, r.TargetId, r.Title, r.Link);

    private static EventPhotoDto ToDto(EventPhoto p) => new(p.Id, p.FileName, p.ConsentNote, p.AddedAtUtc);
}

internal sealed class AddEventResourceValidator : AbstractValidator<AddEventResourceRequest>
{
    public AddEventResourceValidator(IStringLocalizer<ActivitiesResource> text)
    {
        RuleFor(r => r.Kind).NotNull().WithMessage(_ => text["Validation.KindRequired"]).IsInEnum().WithMessage(_ => text["Validation.KindRequired"]);
        RuleFor(r => r.TargetId).Must(id => id is { } g && g != Guid.Empty).WithMessage(_ => text["Validation.ResourceNotFound"]);
    }
}
